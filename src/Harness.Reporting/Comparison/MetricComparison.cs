using Harness.Evaluation.Statistics;

namespace Harness.Reporting.Comparison;

/// <summary>One cell x metric: the run's mean with its interval, the baseline's mean, and the mean
/// difference (run - baseline) over the units both hold with its paired bootstrap interval. When the two runs
/// ran the cell's model on different devices, <see cref="Devices"/> holds the per-unit verdict that decided
/// <see cref="Regressed"/> instead of the interval rule.</summary>
public sealed record MetricComparison(
    string CellId, string Metric, ConfidenceInterval Run, double BaselineMean, ConfidenceInterval Difference, int PairedUnits, bool Regressed)
{
    /// <summary>The cross-device verdict when run and baseline ran on different devices; null otherwise.</summary>
    public DeviceVerdict? Devices { get; init; }
}
