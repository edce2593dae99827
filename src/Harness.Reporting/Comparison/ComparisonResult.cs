namespace Harness.Reporting.Comparison;

/// <summary>Everything `harness compare` found; <see cref="Regressed"/> decides the exit code.</summary>
public sealed record ComparisonResult(
    string RunFolder, string BaselineFolder, ComparisonOptions Options,
    IReadOnlyList<MetricComparison> Metrics, IReadOnlyList<TimingComparison> Timings, IReadOnlyList<PassComparison> Passes, IReadOnlyList<CellProblem> Problems)
{
    public bool Regressed => RegressionCount > 0;

    public int RegressionCount => Problems.Count + Metrics.Count(m => m.Regressed) + Timings.Count(t => t.Regressed) + Passes.Count(p => p.Regressed);
}
