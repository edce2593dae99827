using System.Globalization;
using System.Text;
using Harness.Reporting.Results;

namespace Harness.Reporting.Html;

/// <summary>
/// One example's heatmap as coloured text: per generated token a line that starts with the token,
/// coloured by the model's confidence in it (white to green, p in [0, 1]), followed by the sources
/// coloured by the attributor's score (orange positive, blue negative, opacity |score| / the row's
/// largest |score|). Every span carries its number in a tooltip.
/// </summary>
public static class HeatmapHtml
{
    public static string Write(ExampleHeatmap heatmap)
    {
        var html = new StringBuilder();
        html.Append($"<div class=\"heatmap\" data-example=\"{HtmlText.Encode(heatmap.ExampleId)}\" data-attributor=\"{HtmlText.Encode(heatmap.Attributor)}\">\n");
        html.Append($"<h4>{HtmlText.Encode(heatmap.Attributor)}: example {HtmlText.Encode(heatmap.ExampleId)} ({HtmlText.Encode(heatmap.Model)}, {HtmlText.Encode(heatmap.Dataset)})</h4>\n");
        foreach (var row in heatmap.Rows)
        {
            var confidence = double.IsFinite(row.Confidence) ? Invariant($"p = {row.Confidence:F3}") : "confidence not recorded";
            var green = double.IsFinite(row.Confidence) ? Math.Clamp(row.Confidence, 0, 1) : 0;
            html.Append($"<p class=\"heatmap-row\"><span class=\"target\" title=\"step {row.Step}, {confidence}\" style=\"background: rgba(40, 160, 60, {Invariant($"{green:F3}")})\">")
                .Append(Visible(row.Target)).Append("</span> &larr; ");
            var largest = row.Scores.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
            for (var i = 0; i < heatmap.Sources.Count && i < row.Scores.Count; i++)
            {
                var score = row.Scores[i];
                if (!double.IsFinite(score)) continue;
                var alpha = largest > 0 ? Math.Abs(score) / largest : 0;
                var colour = score >= 0 ? "230, 120, 20" : "40, 90, 220";
                html.Append($"<span class=\"source\" title=\"{Invariant($"{score:G4}")}\" style=\"background: rgba({colour}, {Invariant($"{alpha:F3}")})\">")
                    .Append(Visible(heatmap.Sources[i])).Append("</span>");
            }

            html.Append("</p>\n");
        }

        html.Append("</div>\n");
        return html.ToString();
    }

    /// <summary>Token text with its spaces and line breaks visible (a leading space is part of a GPT-2 token).</summary>
    private static string Visible(string token) => HtmlText.Encode(token.Replace(' ', '\u00b7').Replace("\n", "\u21b5", StringComparison.Ordinal));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
