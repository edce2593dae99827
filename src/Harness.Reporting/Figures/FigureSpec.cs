using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.Reporting.Figures;

/// <summary>
/// A figure of the report, independent of how it is drawn: <see cref="Id"/> is its file stem, <see cref="Dataset"/> the
/// dataset whose page shows it (null: the run as a whole). <see cref="ToJson"/> is its data file (ID.json): every plotted
/// value, so a figure can be redrawn elsewhere or checked.
/// </summary>
public abstract record FigureSpec(string Id, string Title, FigureKind Kind, string? Dataset)
{
    /// <summary>Indented; non-ASCII token text kept as is.</summary>
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The figure's data file: every plotted value, indented JSON.</summary>
    public string ToJson() => ToData().ToJsonString(Json);

    /// <summary>The plotted values of this kind of figure, for <see cref="ToJson"/>.</summary>
    protected abstract JsonObject ToData();

    /// <summary>The fields every data file starts with.</summary>
    protected JsonObject Header() => new() { ["id"] = Id, ["title"] = Title, ["kind"] = Kind.ToString(), ["dataset"] = Dataset };

    /// <summary>JSON has no NaN: a missing number is null.</summary>
    protected static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
