namespace Harness.Experiments.Planning;

/// <summary>
/// A run's frozen plan (`harness plan`), kept in the run's own store beside the artefacts it freezes: the run's
/// provenance and experiment version (experiment_versions), the targets of every model x dataset (targets), and the
/// cells of this version in their stable order with what each needs and its estimated passes (plan_cells).
/// <see cref="Sha256"/> hashes all of it, so a shard store names exactly the plan it was computed under.
/// </summary>
/// <param name="Version">The experiment version planned; a grown grid is planned as the next version.</param>
public sealed record RunPlan(string RunFolder, string RunId, int Version, string Sha256, IReadOnlyList<PlannedCell> Cells)
{
    /// <summary>The folder of the shard stores of this version: RUN/shards/vV.</summary>
    public string ShardsFolder => Path.Combine(RunFolder, "shards", FormattableString.Invariant($"v{Version}"));

    /// <summary>The folder of <paramref name="shard"/>'s store: RUN/shards/vV/I-of-N.</summary>
    public string ShardFolder(ShardId shard) => Path.Combine(ShardsFolder, shard.FolderName);

    /// <summary>The cells some shard works on.</summary>
    public IEnumerable<PlannedCell> Work => Cells.Where(c => c.Work != PlannedWork.Done);
}
