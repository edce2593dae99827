namespace Harness.Reporting.Figures;

/// <summary>
/// A metric curve per attributor over a swept setting (Grad-ELLM: pi-Soft-NS/NC over the keep fraction pi; ERASER:
/// comprehensiveness and sufficiency over the threshold k; AT2 Fig. 5: answer F1 over the kept sources; ReAGent's metrics
/// over its update steps), one panel per model and metric: the mean over targets at each point with its bootstrap 95%
/// interval as a band.
/// </summary>
internal static class MetricCurveFigure
{
    /// <summary>One point: model, metric, series (an attributor or a reference line), the setting's value, the mean and its interval.</summary>
    public sealed record Point(string Model, string Metric, string Series, double X, double Mean, double Lower = double.NaN, double Upper = double.NaN);

    /// <param name="series">Every series the figure is about, in legend order (those without points are listed as n/a).</param>
    /// <param name="valueTitle">metric -> its axis title with unit.</param>
    /// <param name="reason">(model, metric, series) -> why the series has no point there.</param>
    public static ChartSpec Build(
        string id, string title, string? dataset, string xTitle, IReadOnlyList<Point> points, IReadOnlyList<string> models,
        IReadOnlyList<string> series, Func<string, string> valueTitle, AttributorStyles styles, Func<string, string, string, string> reason)
    {
        var metrics = points.Select(p => p.Metric).Distinct(StringComparer.Ordinal).ToList();
        var panels = ChartLayout.Panels(models, metrics, series, valueTitle,
            points.Select(p => new ChartLayout.PanelPoint(p.Model, p.Metric, new ChartPoint(p.Series, p.X, p.Mean, p.Lower, p.Upper))).ToList(), reason);
        return new ChartSpec(id, title, FigureKind.MetricCurve, dataset, ChartAxisKind.Linear, xTitle, panels, ChartLayout.Legend(series, panels, styles));
    }
}
