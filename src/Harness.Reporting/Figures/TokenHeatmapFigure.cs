using System.Text.Json.Nodes;

namespace Harness.Reporting.Figures;

/// <summary>
/// A token heatmap over the text of one example (ReAGent Fig. 4, AT2 Fig. 3): one row per attributed
/// target (the generated token at each step), one column per source in text order, coloured by the
/// attributor's score, the token printed in its cell.
/// </summary>
public static class TokenHeatmapFigure
{
    /// <summary>One row of the heatmap: the target's text and a score per source position (NaN: no score there, e.g. not yet generated).</summary>
    public sealed record Row(string Target, IReadOnlyList<double> Scores);

    public static FigureSpec Build(string id, string title, IReadOnlyList<string> sources, IReadOnlyList<Row> rows)
    {
        var data = new List<JsonObject>();
        for (var r = 0; r < rows.Count; r++)
        for (var i = 0; i < sources.Count && i < rows[r].Scores.Count; i++)
        {
            if (!double.IsFinite(rows[r].Scores[i])) continue;
            data.Add(new JsonObject
            {
                ["position"] = i,
                // Position first, so equal tokens at different places stay apart on the axis.
                ["source"] = $"{i}: {sources[i]}",
                ["token"] = sources[i],
                ["row"] = r,
                ["target"] = $"{r}: {rows[r].Target}",
                ["score"] = VegaLite.Number(rows[r].Scores[i]),
            });
        }

        var x = VegaLite.Field("source", "ordinal", "Source");
        x["sort"] = new JsonObject { ["field"] = "position" };
        x["axis"] = new JsonObject { ["labelAngle"] = -60 };
        var y = VegaLite.Field("target", "ordinal", "Target");
        y["sort"] = new JsonObject { ["field"] = "row" };
        var color = VegaLite.Field("score", "quantitative", "Score");
        color["scale"] = Scale(rows.SelectMany(r => r.Scores).Where(double.IsFinite).ToList());
        var spec = VegaLite.Spec(title, data);
        spec["width"] = Math.Max(200, 22 * sources.Count);
        spec["height"] = Math.Max(40, 22 * rows.Count);
        spec["encoding"] = new JsonObject { ["x"] = x, ["y"] = y };
        spec["layer"] = new JsonArray(
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "rect", ["tooltip"] = true },
                ["encoding"] = new JsonObject { ["color"] = color },
            },
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "text", ["fontSize"] = 8, ["angle"] = 300 },
                ["encoding"] = new JsonObject { ["text"] = VegaLite.Field("token", "nominal") },
            });
        return new FigureSpec(id, title, FigureKind.TokenHeatmap, spec);
    }

    /// <summary>Diverging around 0 (orange positive, blue negative) when the scores have both signs; one-hue otherwise
    /// (a midpoint outside the data's domain makes Vega warn).</summary>
    private static JsonObject Scale(IReadOnlyList<double> scores)
    {
        if (scores.Count > 0 && scores.Min() < 0 && scores.Max() > 0) return new JsonObject { ["scheme"] = "blueorange", ["domainMid"] = 0 };
        return scores.Count > 0 && scores.Max() <= 0 ? new JsonObject { ["scheme"] = "blues", ["reverse"] = true } : new JsonObject { ["scheme"] = "oranges" };
    }
}
