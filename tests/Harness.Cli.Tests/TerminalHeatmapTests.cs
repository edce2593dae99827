using System.Text.RegularExpressions;
using Harness.Cli.Commands;

namespace Harness.Cli.Tests;

/// <summary>`harness attribute`'s terminal heatmap: every source with its score, separated, wrapped at the width.</summary>
[TestFixture]
[Fast]
public sealed class TerminalHeatmapTests
{
    private static readonly string[] Sources = ["Paris", " is", " in", " France", ".", " ", "Rome", " is", " in"];
    private static readonly float[] Scores = [0.5f, -0.25f, 0.125f, 2f, 0f, 0.01f, 1.5f, -0.75f, 0.3333f];

    [Test]
    public void Without_colour_each_source_is_its_text_and_score_in_brackets()
    {
        var lines = TerminalHeatmap.Lines(" Italy", Sources, Scores, colour: false, width: 200);

        Assert.That(lines, Is.EqualTo(new[] { " Italy  <=  [Paris 0.5] [ is -0.25] [ in 0.125] [ France 2] [. 0] [\u2423 0.01] [Rome 1.5] [ is -0.75] [ in 0.333]" }));
    }

    [Test]
    public void In_colour_sources_are_separated_and_keep_their_scores()
    {
        var lines = TerminalHeatmap.Lines(" Italy", Sources, Scores, colour: true, width: 200);

        Assert.Multiple(() =>
        {
            Assert.That(lines.Select(Plain), Is.EqualTo(new[] { " Italy  <=  Paris 0.5  is -0.25  in 0.125  France 2 . 0 \u2423 0.01 Rome 1.5  is -0.75  in 0.333" }));
            Assert.That(lines[0], Does.Contain("\u001b[48;2;255;191;191m\u001b[38;2;0;0;0mParis\u001b[0m 0.5"), "a quarter of the largest score: a light red");
            Assert.That(lines[0], Does.Contain("\u001b[48;2;159;159;255m"), "negative scores are blue");
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Long_rows_wrap_at_the_width_under_the_first_source(bool colour)
    {
        var lines = TerminalHeatmap.Lines(" Italy", Sources, Scores, colour, width: 40).Select(Plain).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Count.GreaterThan(1));
            Assert.That(lines, Has.All.Length.LessThanOrEqualTo(40));
            Assert.That(lines.Skip(1), Has.All.StartsWith(new string(' ', " Italy  <=  ".Length)));
            Assert.That(string.Join(" ", lines), Does.Contain("Rome").And.Contain("0.333"));
        });
    }

    private static string Plain(string line) => Regex.Replace(line, "\u001b\\[[0-9;]*m", "");
}
