using System.Globalization;
using System.Text;
using Harness.Reporting.Figures;

namespace Harness.Reporting.Html;

/// <summary>
/// One example's heatmap as HTML text: a colour bar for the figure's one scale, then per target (generation step) a table
/// with one row per attributor whose cell is the example's sources as flowing text (spaces and line breaks kept), each
/// token on its colour, its score and share in a tooltip. The first target is open; further ones are collapsed, and the
/// targets scroll inside a box of at most 2,400 pixels, so neither a long context nor a long generation makes the page
/// tall. Attributors without an attribution of the example are listed as n/a.
/// </summary>
public static class HeatmapHtml
{
    /// <summary>The heatmap as an HTML fragment; <paramref name="files"/> links the figure's data files when given.</summary>
    public static string Write(HeatmapSpec heatmap, string? files = null)
    {
        var html = new StringBuilder();
        html.Append($"<section class=\"example\" data-example=\"{HtmlText.Encode(heatmap.ExampleId)}\" data-model=\"{HtmlText.Encode(heatmap.Model)}\">\n")
            .Append($"<h3>Example {HtmlText.Encode(heatmap.ExampleId)} ({HtmlText.Encode(heatmap.Model)})</h3>\n")
            .Append(ColourBar(heatmap.Scale));
        if (files is not null) html.Append($"<p class=\"files\">{files}</p>\n");
        // Long contexts or many generated targets scroll inside the example instead of stretching the page (ReportPage's rule).
        html.Append("<div class=\"targets\">\n");
        for (var t = 0; t < heatmap.Targets.Count; t++)
        {
            var target = heatmap.Targets[t];
            var confidence = double.IsFinite(target.Confidence) ? Invariant($", p(target) = {target.Confidence:F3}") : "";
            html.Append(t == 0 ? "<details open>" : "<details>")
                .Append(CultureInfo.InvariantCulture, $"<summary>Target <span class=\"target\">{Text(target.Text)}</span> (step {target.Step}{confidence})</summary>\n")
                .Append("<table class=\"heatmap\">\n<tbody>\n");
            var sources = HeatmapSpec.ScoredSources(target);
            foreach (var row in target.Rows)
            {
                html.Append($"<tr class=\"heatmap-row\" data-attributor=\"{HtmlText.Encode(row.Attributor)}\"><th>{HtmlText.Encode(row.Attributor)}</th><td class=\"tokens\">");
                foreach (var i in sources)
                {
                    var (score, share) = (row.Scores[i], row.Shares[i]);
                    var token = i < heatmap.Sources.Count ? heatmap.Sources[i] : $"source {i}";
                    var tip = double.IsFinite(score) ? Invariant($"score {score:G4}, share {share:F3}") : "not scored for this target";
                    html.Append($"<span class=\"source\" title=\"{tip}\" style=\"background:{heatmap.Scale.Colour(share)};color:{heatmap.Scale.TextColour(share)}\">")
                        .Append(Text(token)).Append("</span>");
                }

                html.Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n</details>\n");
        }

        html.Append("</div>\n");
        if (heatmap.Missing.Count > 0)
            html.Append("<p class=\"missing\">").Append(string.Join("; ", heatmap.Missing.Select(m => $"{HtmlText.Encode(m.Key)}: n/a ({HtmlText.Encode(m.Value)})"))).Append("</p>\n");
        html.Append("</section>\n");
        return html.ToString();
    }

    /// <summary>The scale as a gradient with its ends and middle labelled.</summary>
    private static string ColourBar(HeatmapScale scale)
    {
        var gradient = string.Join(", ", scale.Stops(16).Select((s, i) => Invariant($"{s.Colour} {100.0 * i / 15:F1}%")));
        var ticks = string.Concat(scale.Ticks.Select(t => $"<span>{t.ToString("0.###", CultureInfo.InvariantCulture)}</span>"));
        return $"<div class=\"colour-bar\" data-scale=\"{(scale.Signed ? "diverging" : "sequential")}\"><span class=\"bar-title\">Colour: score / sum of the row's |scores|</span>"
               + $"<span class=\"bar-body\"><span class=\"bar\" style=\"background: linear-gradient(to right, {gradient})\"></span><span class=\"bar-ticks\">{ticks}</span></span></div>\n";
    }

    /// <summary>Token text as it reads: spaces kept (the page sets white-space: pre-wrap), a line break shown as ↵ before it breaks.</summary>
    private static string Text(string token) => HtmlText.Encode(token.Replace("\n", "\u21b5\n", StringComparison.Ordinal));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
