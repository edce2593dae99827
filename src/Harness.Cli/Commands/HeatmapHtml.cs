using System.Net;
using Harness.Reporting.Figures;
using Harness.Reporting.Html;

namespace Harness.Cli.Commands;

/// <summary>`harness attribute --html`: the terminal heatmap as one self-contained HTML page (no scripts,
/// no external assets), drawn by the HTML report's own heatmap (Harness.Reporting): per target step a row of
/// the sources as flowing text, coloured by each score's share of the row's total |score| on one scale, the
/// score on hover. A generated step's context is shorter than the last one's: it shows the sources it reaches.</summary>
internal static class HeatmapHtml
{
    public sealed record Row(string Target, IReadOnlyList<string> Sources, IReadOnlyList<float> Scores);

    public static string Page(string method, IReadOnlyList<Row> rows)
    {
        var sources = rows.MaxBy(r => r.Sources.Count)!.Sources;
        var targets = rows.Select((r, step) => new HeatmapSpec.Target(step, r.Target, double.NaN,
            [new HeatmapSpec.Row(method, Enumerable.Range(0, sources.Count).Select(i => i < r.Scores.Count ? r.Scores[i] : double.NaN).ToList())])).ToList();
        var heatmap = new HeatmapSpec("attribute", $"{method} heatmap", null, "", "command line", sources, targets,
            HeatmapScale.For(targets.SelectMany(t => t.Rows).SelectMany(r => r.Shares)), new Dictionary<string, string>());
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + WebUtility.HtmlEncode(heatmap.Title)
            + "</title>\n<style>\n" + ReportPage.Css + "\n</style></head><body>\n" + Harness.Reporting.Html.HeatmapHtml.Write(heatmap) + "</body></html>\n";
    }
}
