using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.Reporting.Figures;

/// <summary>What every spec shares: the schema it is validated against, JSON output options, and inline data rows.</summary>
public static class VegaLite
{
    /// <summary>Vega-Lite 6, the major version render/package.json pins.</summary>
    public const string Schema = "https://vega.github.io/schema/vega-lite/v6.json";

    /// <summary>Indented; non-ASCII token text kept as is (the HTML writer escapes what it embeds).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A spec skeleton: schema, title, inline data rows and a white background (PNGs are not transparent).</summary>
    public static JsonObject Spec(string title, IEnumerable<JsonObject> rows) => new()
    {
        ["$schema"] = Schema,
        ["title"] = title,
        ["background"] = "white",
        ["data"] = new JsonObject { ["values"] = new JsonArray(rows.Cast<JsonNode>().ToArray()) },
    };

    /// <summary>A number for inline data; JSON has no NaN, so a missing value is null (Vega-Lite skips it).</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    public static JsonObject Field(string field, string type, string? title = null)
    {
        var channel = new JsonObject { ["field"] = field, ["type"] = type };
        if (title is not null) channel["title"] = title;
        return channel;
    }

    /// <summary>Interactivity where Vega allows it: clicking an attributor in the legend (shift-click for several)
    /// fades the others. Returns the parameter list for the unit spec and the opacity channel that uses it.</summary>
    public static (JsonArray Params, JsonObject Opacity) LegendHighlight(string field)
    {
        var parameters = new JsonArray(new JsonObject
        {
            ["name"] = "highlight",
            ["select"] = new JsonObject { ["type"] = "point", ["fields"] = new JsonArray(field) },
            ["bind"] = "legend",
        });
        var opacity = new JsonObject { ["condition"] = new JsonObject { ["param"] = "highlight", ["value"] = 1 }, ["value"] = 0.2 };
        return (parameters, opacity);
    }
}
