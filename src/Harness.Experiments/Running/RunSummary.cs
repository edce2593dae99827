namespace Harness.Experiments.Running;

/// <summary>How a run ended: the cells run now (summaries; the outcomes are in the store), those skipped as finished before,
/// and whether a stop request ended it early.</summary>
public sealed record RunSummary(string RunId, string StorePath, IReadOnlyList<CellSummary> Ran, int Skipped, int Remaining, bool Stopped)
{
    public int Failed => Ran.Count(o => o.Failed);
}
