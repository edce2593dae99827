namespace Harness.Reporting.Figures;

/// <summary>What every chart builder shares: panels for each model x metric with the reasons for absent series, and a
/// legend that says which series are missing where.</summary>
internal static class ChartLayout
{
    /// <summary>A point of a panel before the panels are laid out.</summary>
    public sealed record PanelPoint(string Model, string Metric, ChartPoint Point);

    /// <param name="reason">(model, metric, series) -> why the series has no point in that panel.</param>
    public static IReadOnlyList<ChartPanel> Panels(
        IReadOnlyList<string> models, IReadOnlyList<string> metrics, IReadOnlyList<string> series, Func<string, string> valueTitle,
        IReadOnlyList<PanelPoint> points, Func<string, string, string, string> reason)
    {
        var panels = new List<ChartPanel>();
        foreach (var metric in metrics)
        foreach (var model in models)
        {
            var here = points.Where(p => p.Model == model && p.Metric == metric).Select(p => p.Point).ToList();
            var present = here.Select(p => p.Series).ToHashSet(StringComparer.Ordinal);
            var missing = series.Where(s => !present.Contains(s)).ToDictionary(s => s, s => reason(model, metric, s), StringComparer.Ordinal);
            panels.Add(new ChartPanel(model, metric, valueTitle(metric), here, missing));
        }

        return panels;
    }

    /// <summary>One entry per series in order: "n/a (reason)" when no panel has it, "n/a for PANELS (reason)" when only
    /// some lack it (panels named by model, metric, or both where the chart has several of each).</summary>
    public static IReadOnlyList<LegendEntry> Legend(IReadOnlyList<string> series, IReadOnlyList<ChartPanel> panels, AttributorStyles styles)
    {
        var severalModels = panels.Select(p => p.Model).Distinct().Count() > 1;
        var severalMetrics = panels.Select(p => p.Metric).Distinct().Count() > 1;
        string Name(ChartPanel p) => (severalModels, severalMetrics) switch
        {
            (true, true) => $"{p.Model} {p.Metric}",
            (false, true) => p.Metric,
            _ => p.Model,
        };

        return series.Select(s =>
        {
            var lacking = panels.Where(p => p.Missing.ContainsKey(s)).ToList();
            var reasons = string.Join("; ", lacking.Select(p => p.Missing[s]).Distinct(StringComparer.Ordinal));
            var missing = lacking.Count == 0 ? null
                : lacking.Count == panels.Count ? $"n/a ({reasons})"
                : $"n/a for {string.Join(", ", lacking.Select(Name))} ({reasons})";
            return new LegendEntry(s, styles.Of(s), missing);
        }).ToList();
    }
}
