namespace Harness.Experiments.Schema;

/// <summary>
/// A parsed experiment (experiments issue item 1): models x datasets x attributors (grids expanded) x
/// seeds, with the metrics every cell computes. <see cref="Output"/> is the run folder, relative paths
/// resolved against the experiment file's folder.
/// </summary>
public sealed record ExperimentSpec(
    string Name,
    string File,
    string Output,
    IReadOnlyList<ulong> Seeds,
    int BatchSize,
    IReadOnlyList<ModelSpec> Models,
    IReadOnlyList<DatasetSpec> Datasets,
    IReadOnlyList<AttributorSpec> Attributors,
    IReadOnlyList<MetricSpec> Metrics,
    IReadOnlyList<CellFilter> Only,
    IReadOnlyList<CellFilter> Exclude)
{
    /// <summary>Size limits raised explicitly (top-level `limits:`), by option name; see Validation.SizeLimits.</summary>
    public IReadOnlyDictionary<string, long> Limits { get; init; } = new Dictionary<string, long>();
}
