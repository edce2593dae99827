using System.Text.Json;
using Harness.Reporting.Figures;

namespace Harness.Reporting.Tests;

/// <summary>
/// The Captum-style plot (the survey's Figure 1) writes what Captum's own plot_token_attr writes, case by case from
/// Fixtures/CaptumTokenPlot (its generator runs Captum 0.8.0 with matplotlib 3.6.3): the source and target labels, every
/// cell's colour (matplotlib's colour map value and its hex), its printed value and that value's colour, and the colour
/// range.
/// </summary>
[Fast]
public sealed class CaptumTokenPlotParityTests
{
    private static readonly string FixtureFile = RepositoryFolder.Combine("tests", "Harness.Reporting.Tests", "Fixtures", "CaptumTokenPlot", "token_plot.json");

    public static IEnumerable<TestCaseData> Cases()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(FixtureFile));
        foreach (var entry in json.RootElement.GetProperty("cases").EnumerateArray())
            yield return new TestCaseData(CaptumCase.From(entry)).SetArgDisplayNames(entry.GetProperty("name").GetString()!);
    }

    [TestCaseSource(nameof(Cases))]
    public void Labels_are_Captums_repr_and_shortened_token_text(CaptumCase captum)
    {
        var (plot, panel) = Plot(captum);

        Assert.That(plot.SourceLabels, Is.EqualTo(captum.XLabels));
        Assert.That(panel.TargetLabels, Is.EqualTo(captum.YLabels));
    }

    [TestCaseSource(nameof(Cases))]
    public void The_colour_range_is_plus_minus_the_largest_score_widened_as_matplotlib_widens_a_zero_range(CaptumCase captum) =>
        Assert.That(Plot(captum).Panel.Range, Is.EqualTo((captum.VMin, captum.VMax)));

    [TestCaseSource(nameof(Cases))]
    public void Every_cell_has_Captums_colour_printed_value_and_text_colour(CaptumCase captum)
    {
        var panel = Plot(captum).Panel;

        Assert.Multiple(() =>
        {
            for (var row = 0; row < captum.Scores.Length; row++)
            for (var column = 0; column < captum.Scores[row].Length; column++)
            {
                var expected = captum.Cells[row][column];
                var cell = panel.At(row, column);
                var rgb = CaptumColours.Rgb(CaptumColours.Normalise(captum.Scores[row][column], panel.Range))!.Value;
                var at = $"cell ({row}, {column}) = {captum.Scores[row][column]}";
                Assert.That(cell.Text, Is.EqualTo(expected.Text), at);
                Assert.That(cell.TextColour, Is.EqualTo(expected.TextColour), at);
                Assert.That(new[] { rgb.R, rgb.G, rgb.B }, Is.EqualTo(expected.Rgba[..3]).Within(1e-12), at);
                Assert.That(cell.Colour, Is.EqualTo(expected.Hex), at);
            }
        });
    }

    [Test]
    public void A_cell_whose_context_did_not_reach_the_source_is_blank_and_leaves_the_range_alone()
    {
        var panel = new CaptumTokenPlotSpec.Panel("a", ["x", "y"], [[0.5, double.NaN], [-0.25, 1.0]]);

        Assert.That(panel.At(0, 1), Is.EqualTo(new CaptumTokenPlotSpec.Cell(double.NaN, "", null, null)));
        Assert.That(panel.Range, Is.EqualTo((-1.0, 1.0)));
    }

    private static (CaptumTokenPlotSpec Plot, CaptumTokenPlotSpec.Panel Panel) Plot(CaptumCase captum)
    {
        var panel = new CaptumTokenPlotSpec.Panel("captum", captum.OutputTokens, captum.Scores);
        return (new CaptumTokenPlotSpec("id", "title", null, "model", "e0", captum.InputTokens, [panel], new Dictionary<string, string>()), panel);
    }

    /// <summary>One case of the fixture: what was plotted and what Captum drew.</summary>
    public sealed record CaptumCase(
        string[] InputTokens, string[] OutputTokens, double[][] Scores, double VMin, double VMax, string[] XLabels, string[] YLabels,
        CaptumCell[][] Cells)
    {
        public static CaptumCase From(JsonElement entry)
        {
            static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
            // JSON has no infinity: the generator writes "inf" and "-inf".
            static double Score(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble()
                : value.GetString() == "inf" ? double.PositiveInfinity : double.NegativeInfinity;
            return new CaptumCase(
                Strings(entry.GetProperty("input_tokens")), Strings(entry.GetProperty("output_tokens")),
                entry.GetProperty("token_attr").EnumerateArray().Select(r => r.EnumerateArray().Select(Score).ToArray()).ToArray(),
                entry.GetProperty("vmin").GetDouble(), entry.GetProperty("vmax").GetDouble(),
                Strings(entry.GetProperty("x_labels")), Strings(entry.GetProperty("y_labels")),
                entry.GetProperty("cells").EnumerateArray().Select(r => r.EnumerateArray().Select(c => new CaptumCell(
                    c.GetProperty("rgba").EnumerateArray().Select(v => v.GetDouble()).ToArray(), c.GetProperty("hex").GetString()!,
                    c.GetProperty("text").GetString()!, c.GetProperty("text_colour").GetString()!)).ToArray()).ToArray());
        }
    }

    public sealed record CaptumCell(double[] Rgba, string Hex, string Text, string TextColour);
}
