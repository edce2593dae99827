using Harness.Experiments.Grid;
using Harness.Experiments.Store;

namespace Harness.Experiments.Running;

/// <summary>What a run keeps of a finished cell for its summary (the rest is in the store): status, time
/// and each metric's mean over the values that are not flagged.</summary>
public sealed record CellSummary(Cell Cell, string? Error, double WallMilliseconds, int Attributions, IReadOnlyDictionary<string, double> MetricMeans)
{
    /// <summary>True when the cell stopped on an error.</summary>
    public bool Failed => Error is not null;

    /// <summary>The summary of <paramref name="outcome"/>: NaN and flagged metric values are left out of the means.</summary>
    public static CellSummary Of(CellOutcome outcome) => new(outcome.Cell, outcome.Error, outcome.WallMilliseconds, outcome.Attributions.Count,
        outcome.Attributions.SelectMany(a => a.Metrics)
            .Where(m => double.IsFinite(m.Value) && m.Flags.Count == 0)
            .GroupBy(m => m.Label)
            .ToDictionary(g => g.Key, g => g.Average(m => m.Value)));
}
