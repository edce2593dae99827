using System.Text.RegularExpressions;
using Harness.Reporting.Figures;

namespace Harness.Reporting.Tests;

/// <summary>`harness report` end to end on the fixed store: files written, figures rendered, the HTML page checked in headless Chromium.</summary>
public sealed class ReportTests
{
    private TemporaryFolder folder = null!;
    private ReportBuilder.Output report = null!;

    [OneTimeSetUp]
    public void WriteReport()
    {
        folder = new TemporaryFolder();
        report = ReportBuilder.Write(FixtureRun.Create(folder.Combine("run")), folder.Combine("report"), FigureRenderer.Locate());
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
    public void The_run_gets_bars_curves_cost_and_heatmap_figures()
    {
        var ids = report.Figures.Select(f => f.Figure.Id).ToList();

        Assert.That(ids, Is.SupersetOf(new[]
        {
            "reagent_token_wikibio_bars", "reagent_sequence_wikibio_bars", "at2_context_wikibio_bars", "pi_curves_wikibio",
            "aopc_curves_wikibio", "cost_faithfulness_wikibio", "heatmap_wikibio_saliency", "heatmap_wikibio_reagent",
        }));
    }

    [Test]
    public void Each_figure_renders_to_an_SVG_with_marks_and_a_PNG_twice_its_size()
    {
        foreach (var figure in report.Figures)
        {
            var svg = File.ReadAllText(figure.SvgPath);
            var width = double.Parse(Regex.Match(svg, "<svg[^>]*\\swidth=\"([0-9.]+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var height = double.Parse(Regex.Match(svg, "<svg[^>]*\\sheight=\"([0-9.]+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var png = File.ReadAllBytes(figure.PngPath);
            // PNG: 8-byte signature, then the IHDR chunk whose first fields are width and height, big-endian.
            var pngWidth = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
            var pngHeight = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));

            Assert.Multiple(() =>
            {
                Assert.That(svg, Does.Contain("class=\"mark-"), figure.Figure.Id);
                Assert.That(width, Is.GreaterThan(150), figure.Figure.Id);
                Assert.That(png.AsSpan(1, 3).ToArray(), Is.EqualTo("PNG"u8.ToArray()), figure.Figure.Id);
                Assert.That(pngWidth, Is.EqualTo(figure.PngWidth).And.EqualTo((int)Math.Ceiling(2 * width)).Within(1), figure.Figure.Id);
                Assert.That(pngHeight, Is.EqualTo(figure.PngHeight).And.EqualTo((int)Math.Ceiling(2 * height)).Within(1), figure.Figure.Id);
            });
        }
    }

    [Test]
    public void The_grouped_bars_draw_one_bar_per_model_metric_and_attributor()
    {
        var bars = report.Figures.Single(f => f.Figure.Id == "reagent_token_wikibio_bars");
        var svg = File.ReadAllText(bars.SvgPath);

        // 2 models x 2 metrics x 3 attributors; each bar is one path inside the rect mark group.
        Assert.That(Regex.Matches(svg, "<path aria-label=\"attributor: ").Count, Is.EqualTo(12));
    }

    [Test]
    public void The_HTML_report_opens_offline_in_headless_Chromium_without_errors_and_draws_every_figure()
    {
        var (dom, log) = HeadlessChromium.DumpDom(report.Index);

        var figures = Regex.Matches(dom, "<div class=\"figure[^\"]*\" id=\"figure-([^\"]+)\"[^>]*data-rendered=\"(true|false)\"[^>]*>(.*?)</div>", RegexOptions.Singleline);
        Assert.Multiple(() =>
        {
            Assert.That(dom, Does.Contain("data-status=\"done\""), "the page's script did not finish");
            Assert.That(dom, Does.Contain("data-errors=\"0\""), Regex.Match(dom, "data-error-text=\"[^\"]*\"").Value);
            // Console messages reach chromium's log as INFO:CONSOLE lines; vega's own warnings start with "WARN".
            Assert.That(log, Does.Not.Contain("Uncaught").And.Not.Contain(":ERROR:CONSOLE").And.Not.Contain("\"WARN "));
            Assert.That(figures.Select(m => m.Groups[1].Value), Is.EquivalentTo(report.Figures.Select(f => f.Figure.Id)));
            foreach (Match figure in figures)
            {
                Assert.That(figure.Groups[2].Value, Is.EqualTo("true"), figure.Groups[1].Value);
                Assert.That(figure.Groups[3].Value, Does.Contain("<svg"), figure.Groups[1].Value);
            }
        });
    }

    [Test]
    public void The_HTML_report_holds_tables_heatmaps_with_confidence_and_provenance()
    {
        var html = File.ReadAllText(report.Index);

        Assert.Multiple(() =>
        {
            Assert.That(Regex.Matches(html, "<table class=\"result\"").Count, Is.EqualTo(report.Tables.Count));
            Assert.That(html, Does.Contain("<td class=\"best\"><strong>"));
            Assert.That(html, Does.Contain("class=\"heatmap\" data-example=\"e0\" data-attributor=\"reagent\""));
            // Example e0 step 0: q_y = 0.3 + 0.1 * ((0 + 0) % 5).
            Assert.That(html, Does.Contain("title=\"step 0, p = 0.300\" style=\"background: rgba(40, 160, 60, 0.300)\""));
            Assert.That(html, Does.Contain("harness_commit").And.Contain("0123abc").And.Contain("model.safetensors: " + new string('b', 64)));
            Assert.That(File.Exists(Path.Combine(report.Folder, "assets", "vega-embed.min.js")), Is.True);
            Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("src=\"https://"), "the report must not need the network");
        });
    }
}
