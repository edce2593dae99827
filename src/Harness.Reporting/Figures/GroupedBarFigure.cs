using System.Text.Json.Nodes;
using Harness.Reporting.Tables;

namespace Harness.Reporting.Figures;

/// <summary>
/// Grouped bars with interval whiskers: one panel per model (columns) and metric (rows), one bar per
/// attributor; as ReAGent's Figs. 2 and 3 (Soft-NS/NC log ratios) and AT2's Fig. 4 (LDS, top-k drop).
/// Built from a paper table: a column's group is the model, its header the metric.
/// </summary>
public static class GroupedBarFigure
{
    public static FigureSpec FromTable(ResultTable table, string id, string title)
    {
        var rows = new List<JsonObject>();
        for (var r = 0; r < table.Rows.Count; r++)
        for (var c = 0; c < table.Columns.Count; c++)
        {
            if (table.Rows[r].Values[c] is not { } value || !double.IsFinite(value.Estimate)) continue;
            rows.Add(new JsonObject
            {
                ["model"] = table.Columns[c].Group,
                ["metric"] = table.Columns[c].Header,
                ["attributor"] = table.Rows[r].Label,
                ["estimate"] = VegaLite.Number(value.Estimate),
                ["lower"] = VegaLite.Number(value.Lower),
                ["upper"] = VegaLite.Number(value.Upper),
            });
        }

        var attributors = new JsonArray(table.Rows.Select(r => (JsonNode)JsonValue.Create(r.Label)).ToArray());
        var x = VegaLite.Field("attributor", "nominal", "");
        x["sort"] = attributors;
        x["axis"] = new JsonObject { ["labelAngle"] = -40 };
        var color = VegaLite.Field("attributor", "nominal", "Attributor");
        color["sort"] = attributors.DeepClone();
        var (highlight, opacity) = VegaLite.LegendHighlight("attributor");
        var metricRow = VegaLite.Field("metric", "nominal", "");
        // Panels in the table's column order, not alphabetical.
        metricRow["sort"] = new JsonArray(table.Columns.Select(c => c.Header).Distinct().Select(h => (JsonNode)JsonValue.Create(h)).ToArray());
        var spec = VegaLite.Spec(title, rows);
        spec["facet"] = new JsonObject
        {
            ["column"] = VegaLite.Field("model", "nominal", "Model"),
            ["row"] = metricRow,
        };
        spec["resolve"] = new JsonObject { ["scale"] = new JsonObject { ["y"] = "independent" } };
        spec["spec"] = new JsonObject
        {
            ["width"] = Math.Max(120, 28 * table.Rows.Count),
            ["height"] = 160,
            ["layer"] = new JsonArray(
                new JsonObject
                {
                    ["params"] = highlight,
                    ["mark"] = new JsonObject { ["type"] = "bar", ["tooltip"] = true },
                    ["encoding"] = new JsonObject
                    {
                        ["x"] = x, ["y"] = VegaLite.Field("estimate", "quantitative", "Value"), ["color"] = color, ["opacity"] = opacity,
                    },
                },
                new JsonObject
                {
                    // Whiskers: the 95% interval of the table entry.
                    ["mark"] = new JsonObject { ["type"] = "rule", ["color"] = "black" },
                    ["encoding"] = new JsonObject
                    {
                        ["x"] = x.DeepClone(),
                        ["y"] = VegaLite.Field("lower", "quantitative"),
                        ["y2"] = new JsonObject { ["field"] = "upper" },
                    },
                }),
        };
        return new FigureSpec(id, title, FigureKind.GroupedBars, spec);
    }
}
