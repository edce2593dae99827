using System.Text.RegularExpressions;
using Harness.Reporting.Figures;
using Harness.Reporting.Html;

namespace Harness.Reporting.Tests;

/// <summary>A heatmap in the HTML report: the example's text as it reads, a row per attributor, one scale with its colour bar.</summary>
[Fast]
public sealed class HeatmapHtmlTests
{
    private static HeatmapSpec Heatmap(IReadOnlyList<string> sources, params HeatmapSpec.Target[] targets) =>
        new("h", "t", "d", "gpt2", "e0", sources, targets, HeatmapScale.For(targets.SelectMany(t => t.Rows).SelectMany(r => r.Shares)),
            new Dictionary<string, string> { ["lime"] = "failed: out of memory" });

    [Test]
    public void Tokens_are_written_in_order_with_their_spaces_and_line_breaks()
    {
        var html = HeatmapHtml.Write(Heatmap(["The", " cat", " sat", "\n", "Then"],
            new HeatmapSpec.Target(0, " down", 0.5, [new HeatmapSpec.Row("saliency", [0.1, 0.2, 0.3, 0.1, 0.3])])));

        var tokens = Regex.Matches(html, "<span class=\"source\"[^>]*>(.*?)</span>", RegexOptions.Singleline).Select(m => m.Groups[1].Value);

        Assert.That(string.Concat(tokens), Is.EqualTo("The cat sat\u21b5\nThen"));
        Assert.That(ReportPage.Css, Does.Contain(".tokens { white-space: pre-wrap;"), "the page keeps the spaces and breaks");
    }

    [Test]
    public void Each_target_has_a_row_per_attributor_and_later_targets_start_collapsed()
    {
        HeatmapSpec.Row[] Rows(int n) => [new("saliency", Enumerable.Repeat(1.0, n).ToList()), new("reagent", Enumerable.Repeat(2.0, n).ToList())];
        var html = HeatmapHtml.Write(Heatmap(["a", " b", " c"], new HeatmapSpec.Target(0, "x", 0.3, Rows(2)), new HeatmapSpec.Target(1, "y", double.NaN, Rows(3))));

        Assert.Multiple(() =>
        {
            Assert.That(Regex.Count(html, "<tr class=\"heatmap-row\" data-attributor=\"saliency\">"), Is.EqualTo(2));
            Assert.That(Regex.Count(html, "<details open>"), Is.EqualTo(1));
            Assert.That(Regex.Count(html, "<details>"), Is.EqualTo(1));
            Assert.That(html, Does.Contain("(step 0, p(target) = 0.300)").And.Contain("(step 1)"));
            Assert.That(Regex.Count(html, "class=\"source\""), Is.EqualTo(2 * 2 + 2 * 3), "a target shows the sources its context reaches");
        });
    }

    [Test]
    public void Every_token_is_coloured_on_the_one_scale_that_the_colour_bar_shows()
    {
        var heatmap = Heatmap(["a", " b"], new HeatmapSpec.Target(0, "x", 0.3,
            [new HeatmapSpec.Row("saliency", [1, -1]), new HeatmapSpec.Row("reagent", [3, 1])]));

        var html = HeatmapHtml.Write(heatmap);

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("data-scale=\"diverging\""));
            Assert.That(html, Does.Contain($"background:{heatmap.Scale.Colour(0.75)}"), "reagent's 3 of 4");
            Assert.That(html, Does.Contain($"background:{heatmap.Scale.Colour(-0.5)}"), "saliency's -1 of 2");
            Assert.That(html, Does.Contain(">-0.75</span>").And.Contain(">0</span>").And.Contain(">0.75</span>"), "the bar's ends and middle");
        });
    }

    [Test]
    public void Attributors_without_an_attribution_are_listed_with_the_reason()
    {
        var html = HeatmapHtml.Write(Heatmap(["a"], new HeatmapSpec.Target(0, "x", 0.3, [new HeatmapSpec.Row("saliency", [1])])));

        Assert.That(html, Does.Contain("lime: n/a (failed: out of memory)"));
    }

    [TestCase("<script>alert(1)</script>")]
    [TestCase("<img src=x onerror=alert(1)>")]
    public void Token_text_from_a_run_cannot_break_the_page(string hostile)
    {
        var html = HeatmapHtml.Write(Heatmap([hostile], new HeatmapSpec.Target(0, hostile, 0.3, [new HeatmapSpec.Row(hostile, [1])])));

        Assert.That(html, Does.Not.Contain(hostile));
        Assert.That(html, Does.Contain(System.Net.WebUtility.HtmlEncode(hostile)));
    }
}
