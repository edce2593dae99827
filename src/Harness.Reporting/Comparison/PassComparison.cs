namespace Harness.Reporting.Comparison;

/// <summary>One cell's mean forward + backward passes per attribution in the run and the baseline: a deterministic cost,
/// so unlike wall time it is comparable across machines and loads.</summary>
public sealed record PassComparison(string CellId, double RunPasses, double BaselinePasses, bool Regressed)
{
    /// <summary>Run passes / baseline passes; NaN when the baseline did none.</summary>
    public double Ratio => BaselinePasses > 0 ? RunPasses / BaselinePasses : double.NaN;
}
