using System.Text.Json.Nodes;

namespace Harness.Reporting.Figures;

/// <summary>Cost against faithfulness: one point per model x attributor, mean wall time per attribution
/// (log scale) against a faithfulness value with its interval as a vertical whisker.</summary>
public static class CostFaithfulnessFigure
{
    public sealed record Point(string Model, string Attributor, double Milliseconds, double ForwardPasses, double Value, double Lower, double Upper);

    public static FigureSpec Build(string id, string title, string valueTitle, IReadOnlyList<Point> points)
    {
        var rows = points.Select(p => new JsonObject
        {
            ["model"] = p.Model, ["attributor"] = p.Attributor, ["ms"] = VegaLite.Number(p.Milliseconds),
            ["forward_passes"] = VegaLite.Number(p.ForwardPasses), ["value"] = VegaLite.Number(p.Value),
            ["lower"] = VegaLite.Number(p.Lower), ["upper"] = VegaLite.Number(p.Upper),
        });
        var x = VegaLite.Field("ms", "quantitative", "Wall time per attribution (ms)");
        x["scale"] = new JsonObject { ["type"] = "log" };
        var spec = VegaLite.Spec(title, rows);
        spec["width"] = 360;
        spec["height"] = 240;
        spec["encoding"] = new JsonObject { ["x"] = x, ["color"] = VegaLite.Field("attributor", "nominal", "Attributor") };
        spec["layer"] = new JsonArray(
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "rule" },
                ["encoding"] = new JsonObject { ["y"] = VegaLite.Field("lower", "quantitative"), ["y2"] = new JsonObject { ["field"] = "upper" } },
            },
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "point", ["filled"] = true, ["size"] = 80, ["tooltip"] = true },
                ["encoding"] = new JsonObject
                {
                    ["y"] = VegaLite.Field("value", "quantitative", valueTitle),
                    ["shape"] = VegaLite.Field("model", "nominal", "Model"),
                },
            });
        return new FigureSpec(id, title, FigureKind.CostFaithfulness, spec);
    }
}
