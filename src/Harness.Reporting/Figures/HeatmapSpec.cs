using System.Text.Json.Nodes;

namespace Harness.Reporting.Figures;

/// <summary>
/// One example's attributions by every attributor (ReAGent Fig. 4, AT2 Fig. 3, with the attributors as rows): the
/// example's sources as text, and per attributed target (generation step) one row per attributor colouring each source
/// by its share of the row's total |score| on the figure's one <see cref="Scale"/>. Attributors without an attribution of
/// the example are listed in <see cref="Missing"/> with the reason.
/// </summary>
public sealed record HeatmapSpec(
    string Id, string Title, string? Dataset, string Model, string ExampleId, IReadOnlyList<string> Sources,
    IReadOnlyList<HeatmapSpec.Target> Targets, HeatmapScale Scale, IReadOnlyDictionary<string, string> Missing)
    : FigureSpec(Id, Title, FigureKind.TokenHeatmap, Dataset)
{
    /// <param name="Confidence">p(target | full context) from the AOPC metrics' q_y part; NaN when the run has no AOPC metric.</param>
    public sealed record Target(int Step, string Text, double Confidence, IReadOnlyList<Row> Rows);

    /// <param name="Scores">One per source, NaN where this target's context did not reach the source.</param>
    public sealed record Row(string Attributor, IReadOnlyList<double> Scores)
    {
        /// <summary>score / sum of the row's |scores|, comparable across attributors whose scores have different units; 0 for an all-zero row.</summary>
        public IReadOnlyList<double> Shares { get; } = Normalise(Scores);

        private static List<double> Normalise(IReadOnlyList<double> scores)
        {
            var total = scores.Where(double.IsFinite).Sum(Math.Abs);
            return scores.Select(s => !double.IsFinite(s) ? double.NaN : total > 0 ? s / total : 0).ToList();
        }
    }

    /// <summary>The sources any row of <paramref name="target"/> scores, in text order (earlier steps reach fewer).</summary>
    public static IReadOnlyList<int> ScoredSources(Target target) =>
        Enumerable.Range(0, target.Rows.Count == 0 ? 0 : target.Rows.Max(r => r.Scores.Count))
            .Where(i => target.Rows.Any(r => i < r.Scores.Count && double.IsFinite(r.Scores[i]))).ToList();

    /// <inheritdoc/>
    protected override JsonObject ToData()
    {
        var data = Header();
        data["model"] = Model;
        data["example"] = ExampleId;
        data["sources"] = new JsonArray(Sources.Select(s => (JsonNode)JsonValue.Create(s)).ToArray());
        data["scale"] = new JsonObject
        {
            ["kind"] = Scale.Signed ? "diverging" : "sequential", ["min"] = Scale.Min, ["max"] = Scale.Max,
            ["value"] = "score / sum of the row's |scores|",
        };
        data["targets"] = new JsonArray(Targets.Select(t => (JsonNode)new JsonObject
        {
            ["step"] = t.Step, ["text"] = t.Text, ["confidence"] = Number(t.Confidence),
            ["rows"] = new JsonArray(t.Rows.Select(r => (JsonNode)new JsonObject
            {
                ["attributor"] = r.Attributor,
                ["scores"] = new JsonArray(r.Scores.Select(Number).ToArray()),
                ["shares"] = new JsonArray(r.Shares.Select(Number).ToArray()),
            }).ToArray()),
        }).ToArray());
        data["missing"] = new JsonObject(Missing.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value)));
        return data;
    }
}
