using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Harness.Reporting.Figures;
using Harness.Reporting.Results;
using Harness.Reporting.Tables;
using SkiaSharp;

namespace Harness.Reporting.Tests;

/// <summary>Figures drawn in-process: every one written as data, SVG with its text, and a PNG at twice the SVG's size that
/// actually shows each attributor in its colour and each heatmap token on its scale colour.</summary>
[Fast]
public sealed class FigureRenderingTests
{
    private TemporaryFolder folder = null!;
    private IReadOnlyList<RenderedFigure> rendered = null!;

    [OneTimeSetUp]
    public void Render()
    {
        folder = new TemporaryFolder();
        var run = RunResults.Load(FixtureRun.Create(folder.Combine("run")));
        rendered = FigureRenderer.Render(ReportFigures.Build(run, PaperTables.Build(run)), folder.Combine("figures"));
    }

    [OneTimeTearDown]
    public void Delete() => folder.Dispose();

    [Test]
    public void Each_figure_is_written_as_data_SVG_with_its_title_and_a_PNG_twice_the_SVG_size()
    {
        Assert.That(rendered, Has.Count.EqualTo(8), "three bar charts, two curves, cost, one heatmap, the survey's Figure 1");
        foreach (var figure in rendered)
        {
            var svg = File.ReadAllText(figure.SvgPath);
            var width = double.Parse(Regex.Match(svg, "<svg[^>]*\\swidth=\"([0-9.]+)\"").Groups[1].Value, CultureInfo.InvariantCulture);
            var height = double.Parse(Regex.Match(svg, "<svg[^>]*\\sheight=\"([0-9.]+)\"").Groups[1].Value, CultureInfo.InvariantCulture);
            using var png = SKBitmap.Decode(figure.PngPath);

            Assert.Multiple(() =>
            {
                Assert.That(File.ReadAllText(figure.DataPath), Does.StartWith("{").And.Contain($"\"id\": \"{figure.Figure.Id}\""), figure.Figure.Id);
                Assert.That(svg, Does.Contain(WebUtility.HtmlEncode(figure.Figure.Title)), figure.Figure.Id);
                Assert.That(width, Is.GreaterThan(300), figure.Figure.Id);
                Assert.That((png.Width, png.Height), Is.EqualTo(((int)width * 2, (int)height * 2)), figure.Figure.Id);
                Assert.That((figure.PngWidth, figure.PngHeight), Is.EqualTo((png.Width, png.Height)), figure.Figure.Id);
            });
        }
    }

    [Test]
    public void Every_attributor_of_a_curve_is_drawn_in_its_own_colour()
    {
        var curve = rendered.Single(f => f.Figure.Id == "pi_curves_wikibio");
        using var png = SKBitmap.Decode(curve.PngPath);
        var counts = Colours(png);

        // The legend's symbol has a few hundred pixels of the colour; 18 markers and two lines have thousands.
        Assert.Multiple(() =>
        {
            foreach (var entry in ((ChartSpec)curve.Figure).Legend)
                Assert.That(counts.GetValueOrDefault(SKColor.Parse(entry.Style.Colour)), Is.GreaterThan(1500), $"{entry.Series} {entry.Style.Colour}");
        });
    }

    [Test]
    public void Bars_are_filled_with_their_attributors_colours()
    {
        var bars = rendered.Single(f => f.Figure.Id == "reagent_token_wikibio_bars");
        using var png = SKBitmap.Decode(bars.PngPath);
        var counts = Colours(png);

        // Each attributor has 4 bars (2 models x 2 metrics) of at least a few hundred pixels at twice the size.
        foreach (var entry in ((ChartSpec)bars.Figure).Legend)
            Assert.That(counts.GetValueOrDefault(SKColor.Parse(entry.Style.Colour)), Is.GreaterThan(400), entry.Series);
    }

    [Test]
    public void The_heatmap_paints_each_row_on_the_figures_one_scale()
    {
        var figure = rendered.Single(f => f.Figure is HeatmapSpec);
        var heatmap = (HeatmapSpec)figure.Figure;
        using var png = SKBitmap.Decode(figure.PngPath);
        var counts = Colours(png);
        var shares = heatmap.Targets.SelectMany(t => t.Rows).SelectMany(r => r.Shares).Where(double.IsFinite).Distinct().ToList();

        // A token's box is at least 3 x 18 CSS pixels, so its colour covers many pixels unless the text hides it.
        Assert.That(shares.Count(s => counts.GetValueOrDefault(SKColor.Parse(heatmap.Scale.Colour(s))) > 40), Is.GreaterThan(shares.Count * 9 / 10));
    }

    [Test]
    public void The_Captum_plot_paints_every_cell_in_its_colour_and_writes_its_value_and_labels()
    {
        var figure = rendered.Single(f => f.Figure is CaptumTokenPlotSpec);
        var plot = (CaptumTokenPlotSpec)figure.Figure;
        using var png = SKBitmap.Decode(figure.PngPath);
        var counts = Colours(png);
        var svg = WebUtility.HtmlDecode(File.ReadAllText(figure.SvgPath));
        var cells = plot.Panels.SelectMany(p => Enumerable.Range(0, p.Scores.Count)
            .SelectMany(r => Enumerable.Range(0, plot.Sources.Count).Select(c => p.At(r, c)))).Where(c => c.Colour is not null).ToList();

        // A cell is at least 60 x 26 CSS pixels, 120 x 52 in the PNG; its printed value covers a fraction of that.
        Assert.Multiple(() =>
        {
            Assert.That(cells.Where(c => counts.GetValueOrDefault(SKColor.Parse(c.Colour)) < 2000).Select(c => c.Colour), Is.Empty);
            Assert.That(cells.Select(c => c.Text).Where(t => !svg.Contains(t, StringComparison.Ordinal)), Is.Empty);
            Assert.That(plot.SourceLabels.Concat(plot.Panels.Select(p => p.Attributor)).Where(t => !svg.Contains(t, StringComparison.Ordinal)), Is.Empty);
            Assert.That(svg, Does.Contain("Token Attribution"));
        });
    }

    private static Dictionary<SKColor, int> Colours(SKBitmap png)
    {
        var counts = new Dictionary<SKColor, int>();
        foreach (var pixel in png.Pixels)
        {
            var opaque = pixel.WithAlpha(255);
            counts[opaque] = counts.GetValueOrDefault(opaque) + 1;
        }

        return counts;
    }
}
