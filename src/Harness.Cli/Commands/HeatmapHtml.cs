using System.Net;
using Harness.Reporting.Results;

namespace Harness.Cli.Commands;

/// <summary>`harness attribute --html`: the terminal heatmap as one self-contained HTML page (no scripts,
/// no external assets), drawn by the HTML report's own heatmap (Harness.Reporting): one line per target
/// step, the sources on a background whose strength is the score relative to the row's largest
/// magnitude, the score on hover. A generated step's context is shorter than the last one's: the
/// sources it does not reach are left blank.</summary>
public static class HeatmapHtml
{
    public sealed record Row(string Target, IReadOnlyList<string> Sources, IReadOnlyList<float> Scores);

    public static string Page(string method, IReadOnlyList<Row> rows)
    {
        var sources = rows.MaxBy(r => r.Sources.Count)!.Sources;
        var heatmap = new ExampleHeatmap("", "", method, "command line", sources, rows.Select((r, step) => new ExampleHeatmap.Row(step, r.Target, double.NaN,
            Enumerable.Range(0, sources.Count).Select(i => i < r.Scores.Count ? r.Scores[i] : double.NaN).ToList())).ToList());
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + WebUtility.HtmlEncode($"{method} heatmap")
            + "</title>\n<style>body{font-family:sans-serif;margin:2em}.heatmap-row{font-family:monospace;white-space:pre-wrap}.source,.target{border-radius:3px}</style>"
            + "</head><body>\n" + Harness.Reporting.Html.HeatmapHtml.Write(heatmap) + "</body></html>\n";
    }
}
