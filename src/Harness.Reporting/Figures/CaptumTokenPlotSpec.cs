using System.Text.Json.Nodes;
using Harness.Models;

namespace Harness.Reporting.Figures;

/// <summary>
/// One example's scores as Captum's LLMAttributionResult.plot_token_attr draws them (captum/attr/_core/llm_attr.py), one
/// panel per attributor: the targets (generation steps) as rows labelled <c>repr(token)[1:-1]</c>, the example's sources
/// as columns labelled <c>shorten(repr(source)[1:-1], width=50, placeholder="...")</c>, each cell its raw score printed
/// <c>"%.4f"</c> on Captum's red-white-blue scale from -max|score| to +max|score| of its own panel
/// (<see cref="CaptumColours"/>). A cell whose target's context did not reach the source is blank; Captum's plots have
/// none, since it attributes one prompt. The report draws it as the FA survey's Figure 1 (docs/papers.md).
/// </summary>
public sealed record CaptumTokenPlotSpec(
    string Id, string Title, string? Dataset, string Model, string ExampleId, IReadOnlyList<string> Sources,
    IReadOnlyList<CaptumTokenPlotSpec.Panel> Panels, IReadOnlyDictionary<string, string> Missing)
    : FigureSpec(Id, Title, FigureKind.CaptumTokenPlot, Dataset)
{
    /// <summary>Source: Captum's plot_token_attr, which shortens its input token labels to 50 characters.</summary>
    private const int LabelWidth = 50;

    /// <summary>The column labels, as Captum writes its input tokens (computed from <see cref="Sources"/> on each read).</summary>
    public IReadOnlyList<string> SourceLabels => Sources.Select(s => PythonText.Shorten(Unquoted(s), LabelWidth, "...")).ToList();

    /// <summary>One attributor's plot. A class, not a record: its labels and range are worked out once from its scores,
    /// which a record's <c>with</c> could replace without them.</summary>
    public sealed class Panel(string attributor, IReadOnlyList<string> targets, IReadOnlyList<IReadOnlyList<double>> scores)
    {
        /// <summary>The attributor's label in the run.</summary>
        public string Attributor { get; } = attributor;

        /// <summary>Each row's target text.</summary>
        public IReadOnlyList<string> Targets { get; } = targets;

        /// <summary>Per row one score per source; NaN where the row's context did not reach it.</summary>
        public IReadOnlyList<IReadOnlyList<double>> Scores { get; } = scores;

        /// <summary>The row labels, as Captum writes its output tokens.</summary>
        public IReadOnlyList<string> TargetLabels { get; } = targets.Select(Unquoted).ToList();

        /// <summary>The panel's colour range: +-max|score| over its scores but the blank (NaN) cells; an infinite score
        /// makes it +-0.1, as in Captum, whose colour bar widens an infinite range so.</summary>
        public (double Min, double Max) Range { get; } =
            CaptumColours.Range(scores.SelectMany(r => r).Where(s => !double.IsNaN(s)).Select(Math.Abs).DefaultIfEmpty(0).Max());

        /// <summary>The cell of row <paramref name="row"/> and source <paramref name="column"/> as drawn.</summary>
        public Cell At(int row, int column)
        {
            var score = column < Scores[row].Count ? Scores[row][column] : double.NaN;
            if (double.IsNaN(score)) return new Cell(score, "", null, null);
            var normalised = CaptumColours.Normalise(score, Range);
            return new Cell(score, PythonText.Fixed(score, 4), CaptumColours.Hex(normalised), CaptumColours.TextColour(normalised));
        }
    }

    /// <param name="Text">The score as Captum prints it ("%.4f"); empty for a blank cell.</param>
    /// <param name="Colour">#rrggbb; null for a blank cell.</param>
    /// <param name="TextColour">#000000 or #ffffff; null for a blank cell.</param>
    public sealed record Cell(double Score, string Text, string? Colour, string? TextColour);

    /// <inheritdoc/>
    protected override JsonObject ToData()
    {
        var data = Header();
        data["model"] = Model;
        data["example"] = ExampleId;
        data["sources"] = Strings(Sources);
        data["source_labels"] = Strings(SourceLabels);
        data["panels"] = new JsonArray(Panels.Select(p => (JsonNode)new JsonObject
        {
            ["attributor"] = p.Attributor,
            ["targets"] = Strings(p.Targets),
            ["target_labels"] = Strings(p.TargetLabels),
            ["range"] = new JsonObject { ["min"] = p.Range.Min, ["max"] = p.Range.Max },
            ["cells"] = new JsonArray(Enumerable.Range(0, p.Scores.Count).Select(r => (JsonNode)new JsonArray(
                Enumerable.Range(0, Sources.Count).Select(c => p.At(r, c)).Select(cell => (JsonNode)new JsonObject
                {
                    ["score"] = Number(cell.Score), ["text"] = cell.Text, ["colour"] = cell.Colour, ["text_colour"] = cell.TextColour,
                }).ToArray())).ToArray()),
        }).ToArray());
        data["missing"] = new JsonObject(Missing.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value)));
        return data;
    }

    /// <summary><c>repr(token)[1:-1]</c>, as Captum writes its labels.</summary>
    private static string Unquoted(string token) => PythonText.Repr(token)[1..^1];

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
