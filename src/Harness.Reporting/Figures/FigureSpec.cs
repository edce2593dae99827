using System.Text.Json.Nodes;

namespace Harness.Reporting.Figures;

/// <summary>A figure as a Vega-Lite specification with its data inline; <see cref="Id"/> is its file stem.</summary>
public sealed record FigureSpec(string Id, string Title, FigureKind Kind, JsonObject Spec)
{
    public string ToJson() => Spec.ToJsonString(VegaLite.JsonOptions);
}
