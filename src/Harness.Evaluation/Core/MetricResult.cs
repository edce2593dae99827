using Harness.Scoring;

namespace Harness.Evaluation.Core;

/// <summary>
/// One metric's value for one cell, its named parts (Soft metrics: s0, ss or sc; AOPC: the value at
/// each threshold; pi-curves: the value at each pi), the flags that keep it out of averages
/// (nan_scores, all_equal_scores, empty_scores, degenerate_s0), and what the metric's forward passes cost.
/// </summary>
public sealed record MetricResult(double Value, IReadOnlyDictionary<PartKey, double> Parts, IReadOnlyList<MetricFlag> Flags, CostRecord Cost)
{
    /// <summary>A flagged value is recorded but never averaged in silently (spec/metrics.md section 8).</summary>
    public bool IsFlagged => Flags.Count > 0;

    /// <summary>Settings the metric resolved for this cell beyond its options (Soft-NS/NC: the protocol and the
    /// transform applied to the scores), recorded with the options in the result row.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
