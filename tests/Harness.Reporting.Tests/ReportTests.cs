using System.Text.RegularExpressions;
using Harness.Reporting.Figures;
using Harness.Reporting.Html;
using System.Globalization;

namespace Harness.Reporting.Tests;

/// <summary>`harness report` end to end on the fixed store: files written, figures rendered, the HTML pages checked in headless Chromium.</summary>
[Fast]
public sealed class ReportTests
{
    private TemporaryFolder folder = null!;
    private ReportBuilder.Output report = null!;

    [OneTimeSetUp]
    public void WriteReport()
    {
        folder = new TemporaryFolder();
        report = ReportBuilder.Write(FixtureRun.Create(folder.Combine("run")), folder.Combine("report"));
    }

    [OneTimeTearDown]
    public void DeleteReport() => folder.Dispose();

    [Test]
    public void Every_table_is_written_as_Markdown_LaTeX_and_CSV()
    {
        foreach (var table in report.Tables)
        foreach (var extension in new[] { "md", "tex", "csv" })
            Assert.That(new FileInfo(Path.Combine(report.Folder, "tables", $"{table.Id}.{extension}")).Length, Is.GreaterThan(100), $"{table.Id}.{extension}");
    }

    [Test]
    public void The_run_gets_bars_curves_cost_heatmap_and_survey_figures_each_as_data_SVG_and_PNG()
    {
        var ids = report.Figures.Select(f => f.Figure.Id).ToList();

        Assert.That(ids, Is.SupersetOf(new[]
        {
            "reagent_token_wikibio_bars", "reagent_sequence_wikibio_bars", "at2_context_wikibio_bars", "pi_curves_wikibio",
            "aopc_curves_wikibio", "cost_faithfulness_wikibio", "heatmap_wikibio_e0", "survey_figure1_wikibio",
        }));
        foreach (var id in ids)
        foreach (var extension in new[] { "json", "svg", "png" })
            Assert.That(File.Exists(Path.Combine(report.Folder, "figures", $"{id}.{extension}")), Is.True, $"{id}.{extension}");
    }

    [Test]
    public void The_report_pages_by_dataset_and_shows_each_figure_on_its_datasets_page()
    {
        var page = File.ReadAllText(Path.Combine(report.Folder, "dataset_wikibio.html"));
        var index = File.ReadAllText(report.Index);

        Assert.Multiple(() =>
        {
            Assert.That(report.Pages.Select(Path.GetFileName), Is.EqualTo(new[] { "index.html", "dataset_wikibio.html" }));
            Assert.That(index, Does.Contain("<a href=\"dataset_wikibio.html\">wikibio</a>"));
            foreach (var figure in report.Figures.Where(f => f.Figure is not HeatmapSpec))
                Assert.That(page, Does.Contain($"<img src=\"figures/{figure.Figure.Id}.png\" width=\"{figure.PngWidth / 2}\""), figure.Figure.Id);
            Assert.That(page, Does.Contain("<a href=\"figures/heatmap_wikibio_e0.svg\">SVG</a>"), "the drawn heatmap is linked from its example");
            Assert.That(Regex.Count(page, "<table class=\"result\""), Is.EqualTo(report.Tables.Count));
        });
    }

    [Test, NeedsChromium]
    public void Every_page_opens_offline_in_headless_Chromium_at_1280_pixels_with_its_images_and_no_section_over_3000_pixels()
    {
        foreach (var page in report.Pages)
        {
            var (dom, log) = HeadlessChromium.DumpDom(page, ReportPage.CheckedWidth);
            var tallest = Regex.Match(dom, "data-tallest-section=\"(\\d+)\"");

            Assert.Multiple(() =>
            {
                Assert.That(dom, Does.Contain("data-status=\"done\""), $"{page}: the page's script did not finish");
                Assert.That(dom, Does.Contain("data-broken-images=\"0\""), page);
                Assert.That(log, Does.Not.Contain("Uncaught").And.Not.Contain(":ERROR:CONSOLE"), page);
                Assert.That(int.Parse(tallest.Groups[1].Value, CultureInfo.InvariantCulture), Is.GreaterThan(100).And.LessThanOrEqualTo(ReportPage.MaxSectionHeight), page);
            });
        }
    }

    [TestCase(1200, 1, 16, TestName = "A long context stays within the section limit")]
    [TestCase(20, 150, 2, TestName = "A long generation stays within the section limit")]
    [NeedsChromium]
    public void A_long_example_stays_within_the_section_limit(int sourceCount, int targetCount, int attributors)
    {
        var sources = Enumerable.Range(0, sourceCount).Select(i => $" word{i}").ToList();
        var rows = Enumerable.Range(0, attributors).Select(a => new HeatmapSpec.Row($"attributor_{a}", sources.Select((_, i) => (double)((i * 7 + a) % 11)).ToList())).ToList();
        var targets = Enumerable.Range(0, targetCount).Select(t => new HeatmapSpec.Target(t, $" t{t}", 0.5, rows)).ToList();
        var heatmap = new HeatmapSpec("long", "long", "d", "m", "e0", sources, targets, HeatmapScale.For(rows.SelectMany(r => r.Shares)), new Dictionary<string, string>());
        var page = folder.Combine($"long_{sourceCount}_{targetCount}.html");
        File.WriteAllText(page, ReportPage.Open("long", "") + HeatmapHtml.Write(heatmap) + ReportPage.Close);

        var (dom, _) = HeadlessChromium.DumpDom(page, ReportPage.CheckedWidth);

        Assert.That(int.Parse(Regex.Match(dom, "data-tallest-section=\"(\\d+)\"").Groups[1].Value, CultureInfo.InvariantCulture), Is.InRange(2000, ReportPage.MaxSectionHeight),
            "taller than 2,000 pixels without the scroll box, never taller than the limit with it");
    }

    [Test]
    public void The_dataset_page_holds_tables_heatmaps_with_confidence_and_the_index_the_provenance()
    {
        var page = File.ReadAllText(Path.Combine(report.Folder, "dataset_wikibio.html"));
        var index = File.ReadAllText(report.Index);

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain("<td class=\"best\"><strong>"));
            Assert.That(page, Does.Contain("<section class=\"example\" data-example=\"e0\" data-model=\"gpt2\">"));
            Assert.That(page, Does.Contain("<tr class=\"heatmap-row\" data-attributor=\"reagent\">"));
            // Example e0 step 0: q_y = 0.3 + 0.1 * ((0 + 0) % 5).
            Assert.That(page, Does.Contain("(step 0, p(target) = 0.300)"));
            Assert.That(index, Does.Contain("harness_commit").And.Contain("0123abc").And.Contain("model.safetensors: " + new string('b', 64)));
            foreach (var html in new[] { page, index })
                Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("src=\"https://"), "the report must not need the network");
        });
    }
}
