using System.Text;
using Harness.Experiments.Outputs;
using Harness.Reporting.Figures;
using Harness.Reporting.Results;
using Harness.Reporting.Tables;
using System.Globalization;

namespace Harness.Reporting.Html;

/// <summary>
/// The HTML report, one page per dataset so no page grows with the run: index.html (the datasets, tables over the whole
/// run, provenance) and dataset_SLUG.html per dataset (its tables, its figures as the rendered PNGs with links to SVG and
/// data, and heatmaps of its first examples per model, attributors as rows). Every table, figure and example is its own
/// section. The pages work offline from the file system and load nothing but the figure images beside them.
/// </summary>
internal static class HtmlReportWriter
{
    /// <summary>Source: our choice; a few examples per model x dataset show the pattern without a page of megabytes.</summary>
    public const int DefaultHeatmapExamples = 3;

    public const string IndexFile = "index.html";

    public static string PageOf(string dataset) => $"dataset_{TableLayout.Slug(dataset)}.html";

    /// <summary>Writes every page into <paramref name="folder"/> (the figures' files must be inside it) and returns their paths, index.html first.</summary>
    public static IReadOnlyList<string> Write(
        RunResults run, IReadOnlyList<ResultTable> tables, IReadOnlyList<RenderedFigure> figures, string folder, int heatmapExamples = DefaultHeatmapExamples)
    {
        var name = run.Provenance.GetValueOrDefault("name", "run");
        var pages = new List<(string Name, string File)> { ("Overview", IndexFile) };
        pages.AddRange(run.DatasetNames.Select(d => (d, PageOf(d))));
        var written = new List<string> { WritePage(folder, IndexFile, Index(run, tables, pages, name)) };
        foreach (var dataset in run.DatasetNames)
        {
            var html = new StringBuilder(ReportPage.Open($"{dataset}: attribution report {name}", ReportPage.Navigation(pages, PageOf(dataset))));
            var own = tables.Where(t => TableDataset.Of(t, run.DatasetNames) == dataset).ToList();
            html.Append("<h2 id=\"tables\">Tables</h2>\n");
            if (own.Count == 0) html.Append("<p>The run has none of the metrics the paper tables show for this dataset.</p>\n");
            foreach (var table in own) html.Append(TableSection(table));
            html.Append("<h2 id=\"figures\">Figures</h2>\n");
            // Heatmaps are shown with the examples below, as HTML; every other figure as its image.
            var images = figures.Where(f => f.Figure is not HeatmapSpec && f.Figure.Dataset == dataset).ToList();
            if (images.Count == 0) html.Append("<p>The run has no value to plot for this dataset.</p>\n");
            foreach (var figure in images) html.Append(FigureSection(figure, folder));
            html.Append(Examples(run, dataset, figures, folder, heatmapExamples));
            written.Add(WritePage(folder, PageOf(dataset), html.Append(ReportPage.Close).ToString()));
        }

        return written;
    }

    private static string WritePage(string folder, string file, string html)
    {
        var path = Path.Combine(folder, file);
        AtomicFile.WriteAllText(path, html);
        return path;
    }

    private static string Index(RunResults run, IReadOnlyList<ResultTable> tables, IReadOnlyList<(string Name, string File)> pages, string name)
    {
        var html = new StringBuilder(ReportPage.Open($"Attribution report: {name}", ReportPage.Navigation(pages, IndexFile)));
        html.Append("<section id=\"datasets\">\n<h2>Datasets</h2>\n<ul>\n");
        foreach (var dataset in run.DatasetNames)
        {
            var count = tables.Count(t => TableDataset.Of(t, run.DatasetNames) == dataset);
            var cells = run.Cells.Where(c => c.Dataset == dataset).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{PageOf(dataset)}\">{HtmlText.Encode(dataset)}</a>: {count} tables, {cells.Count(c => c.Done)} of {cells.Count} cells done</li>\n");
        }

        html.Append("</ul>\n</section>\n");
        foreach (var table in tables.Where(t => TableDataset.Of(t, run.DatasetNames) is null)) html.Append(TableSection(table));
        return html.Append(Provenance(run)).Append(ReportPage.Close).ToString();
    }

    private static string TableSection(ResultTable table) =>
        $"<section class=\"table\" id=\"table-section-{table.Id}\">\n<h3>{HtmlText.Encode(table.Title)}</h3>\n{HtmlTable.Write(table)}</section>\n";

    private static string FigureSection(RenderedFigure figure, string folder)
    {
        var id = figure.Figure.Id;
        // The image carries the title (it must, taken elsewhere), so the page does not repeat it in a heading.
        return $"<section class=\"figure\" id=\"figure-{id}\" data-figure=\"{id}\" aria-label=\"{HtmlText.Encode(figure.Figure.Title)}\">\n"
               + $"<img src=\"{Relative(folder, figure.PngPath)}\" width=\"{figure.PngWidth / FigureFiles.PngScale}\" height=\"{figure.PngHeight / FigureFiles.PngScale}\" alt=\"{HtmlText.Encode(figure.Figure.Title)}\">\n"
               + $"<p class=\"files\">{Files(figure, folder)}</p>\n</section>\n";
    }

    private static string Files(RenderedFigure figure, string folder) =>
        $"<a href=\"{Relative(folder, figure.SvgPath)}\">SVG</a> | <a href=\"{Relative(folder, figure.PngPath)}\">PNG</a> | <a href=\"{Relative(folder, figure.DataPath)}\">data (JSON)</a>";

    private static string Relative(string folder, string path) => HtmlText.Encode(Path.GetRelativePath(folder, path).Replace('\\', '/'));

    /// <summary>The first examples of each model as heatmaps; the one drawn as a figure links its files.</summary>
    private static string Examples(RunResults run, string dataset, IReadOnlyList<RenderedFigure> figures, string folder, int count)
    {
        var html = new StringBuilder("<h2 id=\"examples\">Examples</h2>\n<p>Per target, each attributor's scores over the example's text; ")
            .Append("colour is a score's share of its row's total |score| on one scale per example (sequential when no score is negative, ")
            .Append("diverging around 0 otherwise). p(target) is the model's confidence in the target. Hover a token for its score.</p>\n");
        var shown = 0;
        foreach (var model in run.ModelNames)
        {
            var cells = run.CellIds(model, dataset);
            var text = TokenText.For(run.Models.FirstOrDefault(m => m.Name == model));
            foreach (var example in run.Attributions.Where(a => cells.Contains(a.CellId)).Select(a => a.ExampleId).Distinct().Take(count))
            {
                if (TokenHeatmapFigure.Build(run, model, dataset, example, run.AttributorLabels, text, "", dataset) is not { } heatmap) continue;
                var drawn = figures.FirstOrDefault(f => f.Figure is HeatmapSpec h && h.Dataset == dataset && h.Model == model && h.ExampleId == example);
                html.Append(HeatmapHtml.Write(heatmap, drawn is null ? null : $"As a figure: {Files(drawn, folder)}"));
                shown++;
            }
        }

        if (shown == 0) html.Append("<p>No example of this dataset was attributed.</p>\n");
        return html.ToString();
    }

    private static string Provenance(RunResults run)
    {
        var html = new StringBuilder("<section id=\"provenance\">\n<h2>Provenance</h2>\n<table class=\"provenance\">\n");
        foreach (var (key, value) in run.Provenance.Where(kv => kv.Key != "experiment_text"))
            html.Append($"<tr><td>{HtmlText.Encode(key)}</td><td>{HtmlText.Encode(value)}</td></tr>\n");
        foreach (var model in run.Models)
        {
            var files = string.Join("<br>", model.FileSha256.Select(f => $"{HtmlText.Encode(f.Key)}: {HtmlText.Encode(f.Value)}"));
            html.Append($"<tr><td>model {HtmlText.Encode(model.Name)}</td><td>{HtmlText.Encode(model.Folder)} ({HtmlText.Encode(model.DType)}, {HtmlText.Encode(model.Device)})<br>{files}</td></tr>\n");
        }

        html.Append("</table>\n<details><summary>Experiment</summary>\n<pre>")
            .Append(HtmlText.Encode(run.Provenance.GetValueOrDefault("experiment_text", ""))).Append("</pre>\n</details>\n");
        var failed = run.Cells.Where(c => !c.Done).ToList();
        if (failed.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<details><summary>Failed cells ({failed.Count})</summary>\n<ul>\n");
            foreach (var cell in failed) html.Append($"<li>{HtmlText.Encode(cell.CellId)}: {HtmlText.Encode(cell.Error ?? "")}</li>\n");
            html.Append("</ul>\n</details>\n");
        }

        return html.Append("</section>\n").ToString();
    }
}
