namespace Harness.Reporting.Comparison;

/// <summary>One timed subject (a cell's median wall time per attribution, or a benchmark's mean): run, baseline, their ratio.</summary>
public sealed record TimingComparison(string Subject, double RunMilliseconds, double BaselineMilliseconds, bool Regressed)
{
    /// <summary>Run time / baseline time.</summary>
    public double Ratio => RunMilliseconds / BaselineMilliseconds;
}
