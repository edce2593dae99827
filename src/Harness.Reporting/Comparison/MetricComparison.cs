using Harness.Evaluation.Statistics;

namespace Harness.Reporting.Comparison;

/// <summary>One cell x metric: the run's mean with its interval, the baseline's mean, and the mean
/// difference (run - baseline) over the units both hold with its paired bootstrap interval.</summary>
public sealed record MetricComparison(
    string CellId, string Metric, ConfidenceInterval Run, double BaselineMean, ConfidenceInterval Difference, int PairedUnits, bool Regressed);
