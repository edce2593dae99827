namespace Harness.Experiments.Planning;

/// <summary>What `harness merge` did: per shard store the cells it brought and the metric values it added to finished
/// cells (zero when merged before); the plan's cells still missing or failed; the shards to run again for them.</summary>
public sealed record MergeReport(
    RunPlan Plan, IReadOnlyList<(ShardRecord Shard, int Cells, int MetricValues)> Shards, IReadOnlyList<string> Missing,
    IReadOnlyList<(string CellId, string Error)> Failed, IReadOnlyList<ShardId> ShardsToRerun)
{
    /// <summary>True when every cell of the plan is now finished in the run's store: none missing, none failed.</summary>
    public bool Complete => Missing.Count == 0 && Failed.Count == 0;
}
