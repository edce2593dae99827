using System.Globalization;
using System.Net;
using System.Text;

namespace Harness.Cli.Commands;

/// <summary>`harness attribute --html`: the terminal heatmap as one self-contained HTML page (no scripts,
/// no external assets): one row per target step, each source on a background whose strength is its
/// score relative to the row's largest magnitude (red positive, blue negative), the score on hover.</summary>
public static class HeatmapHtml
{
    public sealed record Row(string Target, IReadOnlyList<string> Sources, IReadOnlyList<float> Scores);

    public static string Page(string method, IReadOnlyList<Row> rows)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode($"{method} heatmap")).Append("</title>\n<style>")
            .Append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td{padding:.3em .6em;vertical-align:top}")
            .Append(".target{font-weight:bold;white-space:pre}.src{white-space:pre-wrap;font-family:monospace}.src span{border-radius:3px}")
            .Append("</style></head><body>\n<h1>").Append(WebUtility.HtmlEncode(method)).Append("</h1>\n<table>\n");
        foreach (var row in rows)
        {
            var scale = row.Scores.Select(Math.Abs).DefaultIfEmpty(0).Max();
            html.Append("<tr><td class=\"target\">").Append(WebUtility.HtmlEncode(row.Target)).Append("</td><td class=\"src\">");
            for (var i = 0; i < row.Sources.Count; i++)
            {
                var share = scale > 0 ? row.Scores[i] / scale : 0;
                var colour = share >= 0 ? "220,40,40" : "40,80,220";
                html.Append(CultureInfo.InvariantCulture, $"<span style=\"background:rgba({colour},{Math.Abs(share):F3})\" title=\"{row.Scores[i]:G4}\">")
                    .Append(WebUtility.HtmlEncode(row.Sources[i])).Append("</span>");
            }

            html.Append("</td></tr>\n");
        }

        return html.Append("</table>\n</body></html>\n").ToString();
    }
}
