using System.Text.Json.Nodes;

namespace Harness.Reporting.Figures;

/// <summary>
/// A chart: panels in a grid, one column per model and one row per metric, each with one series per attributor; the
/// legend lists every attributor the figure is about, those without values as "n/a (reason)".
/// </summary>
/// <param name="XTitle">The swept setting's title with its unit; on bar charts the attributors are the categories and it is unused.</param>
internal sealed record ChartSpec(
    string Id, string Title, FigureKind Kind, string? Dataset, ChartAxisKind XAxis, string XTitle,
    IReadOnlyList<ChartPanel> Panels, IReadOnlyList<LegendEntry> Legend) : FigureSpec(Id, Title, Kind, Dataset)
{
    public IReadOnlyList<string> Models => Panels.Select(p => p.Model).Distinct().ToList();

    public IReadOnlyList<string> Metrics => Panels.Select(p => p.Metric).Distinct().ToList();

    public IEnumerable<ChartPoint> Points => Panels.SelectMany(p => p.Points);

    protected override JsonObject ToData()
    {
        var data = Header();
        data["x_axis"] = new JsonObject { ["title"] = XTitle, ["scale"] = XAxis.ToString().ToLowerInvariant() };
        data["panels"] = new JsonArray(Panels.Select(p => (JsonNode)new JsonObject
        {
            ["model"] = p.Model, ["metric"] = p.Metric, ["value_title"] = p.ValueTitle,
            ["missing"] = new JsonObject(p.Missing.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))),
        }).ToArray());
        // One flat row per point (model, metric, series, x, y, interval): easy to load as a table.
        data["points"] = new JsonArray(Panels.SelectMany(p => p.Points.Select(point => (JsonNode)new JsonObject
        {
            ["model"] = p.Model, ["metric"] = p.Metric, ["attributor"] = point.Series, ["x"] = Number(point.X), ["y"] = Number(point.Y),
            ["lower"] = Number(point.Lower), ["upper"] = Number(point.Upper),
        })).ToArray());
        data["legend"] = new JsonArray(Legend.Select(l => (JsonNode)new JsonObject
        {
            ["attributor"] = l.Series, ["colour"] = l.Style.Colour, ["marker"] = l.Style.Marker.ToString(), ["missing"] = l.Missing,
        }).ToArray());
        return data;
    }
}
