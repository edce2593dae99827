using System.Text.Json.Nodes;

namespace Harness.Reporting.Figures;

/// <summary>
/// A metric curve per attributor over a swept setting (Grad-ELLM: pi-Soft-NS/NC over the keep fraction pi;
/// ERASER: comprehensiveness and sufficiency over the threshold k), one panel per model and metric, the
/// mean over targets at each point.
/// </summary>
public static class MetricCurveFigure
{
    /// <summary>One point: model, metric, attributor, the setting's value and the mean there.</summary>
    public sealed record Point(string Model, string Metric, string Attributor, double X, double Mean);

    public static FigureSpec Build(string id, string title, string xTitle, IReadOnlyList<Point> points)
    {
        var rows = points.Select(p => new JsonObject
        {
            ["model"] = p.Model, ["metric"] = p.Metric, ["attributor"] = p.Attributor, ["x"] = VegaLite.Number(p.X), ["mean"] = VegaLite.Number(p.Mean),
        });
        var (highlight, opacity) = VegaLite.LegendHighlight("attributor");
        var spec = VegaLite.Spec(title, rows);
        spec["facet"] = new JsonObject
        {
            ["column"] = VegaLite.Field("model", "nominal", "Model"),
            ["row"] = VegaLite.Field("metric", "nominal", ""),
        };
        spec["resolve"] = new JsonObject { ["scale"] = new JsonObject { ["y"] = "independent" } };
        spec["spec"] = new JsonObject
        {
            ["width"] = 180,
            ["height"] = 140,
            ["params"] = highlight,
            ["mark"] = new JsonObject { ["type"] = "line", ["point"] = true, ["tooltip"] = true },
            ["encoding"] = new JsonObject
            {
                ["opacity"] = opacity,
                ["x"] = VegaLite.Field("x", "quantitative", xTitle),
                ["y"] = VegaLite.Field("mean", "quantitative", "Mean"),
                ["color"] = VegaLite.Field("attributor", "nominal", "Attributor"),
            },
        };
        return new FigureSpec(id, title, FigureKind.MetricCurve, spec);
    }
}
