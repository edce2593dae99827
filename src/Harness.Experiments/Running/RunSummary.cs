using Harness.Experiments.Store;

namespace Harness.Experiments.Running;

/// <summary>How a run ended: the cells run now (with their outcomes), those skipped as finished before,
/// and whether a stop request ended it early.</summary>
public sealed record RunSummary(string RunId, string StorePath, IReadOnlyList<CellOutcome> Ran, int Skipped, int Remaining, bool Stopped)
{
    public int Failed => Ran.Count(o => o.Failed);
}
