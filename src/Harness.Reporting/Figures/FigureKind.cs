namespace Harness.Reporting.Figures;

/// <summary>What a figure shows (the paper figure it follows is in each builder's summary).</summary>
public enum FigureKind
{
    GroupedBars,
    TokenHeatmap,
    MetricCurve,
    CostFaithfulness,
}
