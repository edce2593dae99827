namespace Harness.Reporting.Figures;

/// <summary>What a figure shows (the paper figure it follows is in each builder's summary).</summary>
public enum FigureKind
{
    /// <summary>Bars of one metric per attributor, grouped by model (<see cref="GroupedBarFigure"/>).</summary>
    GroupedBars,
    /// <summary>Scores over an example's tokens, one row per attributor (<see cref="HeatmapSpec"/>).</summary>
    TokenHeatmap,
    /// <summary>A metric against a swept value, one line per attributor (<see cref="MetricCurveFigure"/>).</summary>
    MetricCurve,
    /// <summary>Faithfulness against cost, one point per attributor (<see cref="CostFaithfulnessFigure"/>).</summary>
    CostFaithfulness,
    /// <summary>One example's scores as Captum's plot_token_attr draws them, one panel per attributor (<see cref="CaptumTokenPlotSpec"/>).</summary>
    CaptumTokenPlot,
}
