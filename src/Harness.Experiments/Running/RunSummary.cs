namespace Harness.Experiments.Running;

/// <summary>How a run ended: the cells run now (summaries; the outcomes are in the store), those skipped as finished before,
/// and whether a stop request ended it early.</summary>
public sealed record RunSummary(string RunId, string StorePath, IReadOnlyList<CellSummary> Ran, int Skipped, int Remaining, bool Stopped)
{
    /// <summary>How many of the cells run now failed.</summary>
    public int Failed => Ran.Count(o => o.Failed);

    /// <summary>Finished cells of a grown experiment given the metrics they lacked (on their stored attributions).</summary>
    public IReadOnlyList<AddedMetrics> MetricsAdded { get; init; } = [];
}

/// <summary>Metrics computed for a finished cell that lacked them, or the error that stopped it (the cell keeps what it had).</summary>
public sealed record AddedMetrics(Grid.Cell Cell, IReadOnlyList<string> Labels, string? Error);
