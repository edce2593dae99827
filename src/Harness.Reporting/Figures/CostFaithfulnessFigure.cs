namespace Harness.Reporting.Figures;

/// <summary>Cost against faithfulness: one panel per model, one point per attributor at its mean wall time per
/// attribution (log axis) and a faithfulness value with its 95% interval as a vertical whisker.</summary>
internal static class CostFaithfulnessFigure
{
    public sealed record Point(string Model, string Attributor, double Milliseconds, double Value, double Lower, double Upper);

    /// <param name="reason">(model, attributor) -> why the attributor has no point.</param>
    public static ChartSpec Build(
        string id, string title, string? dataset, string valueTitle, IReadOnlyList<Point> points, IReadOnlyList<string> models,
        IReadOnlyList<string> attributors, AttributorStyles styles, Func<string, string, string> reason)
    {
        var panels = ChartLayout.Panels(models, [valueTitle], attributors, metric => metric,
            points.Select(p => new ChartLayout.PanelPoint(p.Model, valueTitle, new ChartPoint(p.Attributor, p.Milliseconds, p.Value, p.Lower, p.Upper))).ToList(),
            (model, _, attributor) => reason(model, attributor));
        return new ChartSpec(id, title, FigureKind.CostFaithfulness, dataset, ChartAxisKind.Log, AxisTitles.WallTime, panels,
            ChartLayout.Legend(attributors, panels, styles));
    }
}
