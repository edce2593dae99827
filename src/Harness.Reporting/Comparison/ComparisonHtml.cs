using System.Globalization;
using System.Net;
using System.Text;
using Harness.Experiments.Outputs;

namespace Harness.Reporting.Comparison;

/// <summary>The comparison as one self-contained HTML page (no scripts): verdict, problems, metrics and timings, regressions first and highlighted.</summary>
public static class ComparisonHtml
{
    /// <summary>The page for <paramref name="result"/>.</summary>
    public static string Write(ComparisonResult result)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Comparison against the baseline</title>
            <style>
              body { font-family: sans-serif; margin: 2em; }
              table { border-collapse: collapse; margin: 1em 0 2em; font-size: 90%; }
              th, td { border-bottom: 1px solid #ccc; padding: 3px 8px; text-align: right; }
              td:first-child, td:nth-child(2) { text-align: left; }
              tr.regressed { background: #fde0dc; }
              .verdict-regressed { color: #b00020; } .verdict-passed { color: #1b7a1b; }
            </style>
            </head>
            <body>
            <h1>Comparison against the baseline</h1>

            """);
        html.Append($"<p>Run: <code>{E(result.RunFolder)}</code><br>Baseline: <code>{E(result.BaselineFolder)}</code></p>\n");
        html.Append(Invariant($"<p>A metric regresses when the baseline mean lies outside the run's {result.Options.Level * 100:0}% interval by more than {result.Options.Tolerance}; ")
                    + Invariant($"a timing when run / baseline &gt; {result.Options.TimingRatio} (medians; baselines under {result.Options.MinimumMilliseconds} ms are not judged); ")
                    + Invariant($"passes when run / baseline &gt; {result.Options.PassRatio}.</p>\n"));
        if (result.DeviceRule is { } devices) html.Append($"<p id=\"devices\">{E(devices)}</p>\n");
        html.Append(result.Regressed
            ? $"<h2 class=\"verdict-regressed\" id=\"verdict\">Regressed ({result.RegressionCount} findings)</h2>\n"
            : "<h2 class=\"verdict-passed\" id=\"verdict\">Passed</h2>\n");
        if (result.Problems.Count > 0)
        {
            html.Append("<h2>Missing or failed</h2>\n<table><tr><th>Subject</th><th>Problem</th></tr>\n");
            foreach (var p in result.Problems) html.Append($"<tr class=\"regressed\"><td>{E(p.Subject)}</td><td>{E(p.Problem)}</td></tr>\n");
            html.Append("</table>\n");
        }

        if (result.Metrics.Count > 0)
        {
            html.Append("<h2>Metrics</h2>\n<table><tr><th>Cell</th><th>Metric</th><th>Run [95% interval]</th><th>Baseline</th><th>Difference [95% interval]</th><th>Paired units</th><th>Status</th></tr>\n");
            foreach (var m in result.Metrics.OrderByDescending(m => m.Regressed))
                html.Append(CultureInfo.InvariantCulture, $"<tr{(m.Regressed ? " class=\"regressed\"" : "")}><td>{E(m.CellId)}</td><td>{E(m.Metric)}</td>" +
                            $"<td>{Interval(m.Run.Estimate, m.Run.Lower, m.Run.Upper)}</td><td>{Number(m.BaselineMean)}</td>" +
                            $"<td>{Interval(m.Difference.Estimate, m.Difference.Lower, m.Difference.Upper)}</td><td>{m.PairedUnits}</td>" +
                            $"<td>{(m.Regressed ? "regressed" : "ok")}{(m.Devices is { } d ? $" ({E(d.ToString())})" : "")}</td></tr>\n");
            html.Append("</table>\n");
        }

        if (result.Timings.Count > 0)
        {
            html.Append("<h2>Timing</h2>\n<table><tr><th>Subject</th><th>Run (ms)</th><th>Baseline (ms)</th><th>Ratio</th><th>Status</th></tr>\n");
            foreach (var t in result.Timings.OrderByDescending(t => t.Regressed))
                html.Append($"<tr{(t.Regressed ? " class=\"regressed\"" : "")}><td>{E(t.Subject)}</td><td>{Milliseconds(t.RunMilliseconds)}</td>" +
                            $"<td>{Milliseconds(t.BaselineMilliseconds)}</td><td>{Invariant($"{t.Ratio:F2}")}</td><td>{(t.Regressed ? "regressed" : "ok")}</td></tr>\n");
            html.Append("</table>\n");
        }

        if (result.Passes.Count > 0)
        {
            html.Append("<h2>Passes per attribution (forward + backward)</h2>\n<table><tr><th>Cell</th><th>Run</th><th>Baseline</th><th>Ratio</th><th>Status</th></tr>\n");
            foreach (var p in result.Passes.OrderByDescending(p => p.Regressed))
                html.Append($"<tr{(p.Regressed ? " class=\"regressed\"" : "")}><td>{E(p.CellId)}</td><td>{Number(p.RunPasses)}</td>" +
                            $"<td>{Number(p.BaselinePasses)}</td><td>{Number(p.Ratio)}</td><td>{(p.Regressed ? "regressed" : "ok")}</td></tr>\n");
            html.Append("</table>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes comparison.md and comparison.html into <paramref name="folder"/>; returns their paths.</summary>
    public static (string Markdown, string Html) WriteBoth(ComparisonResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        var markdown = Path.Combine(folder, "comparison.md");
        var html = Path.Combine(folder, "comparison.html");
        AtomicFile.WriteAllText(markdown, ComparisonMarkdown.Write(result));
        AtomicFile.WriteAllText(html, Write(result));
        return (markdown, html);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Milliseconds(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("G4", CultureInfo.InvariantCulture) : "n/a";

    private static string Interval(double estimate, double lower, double upper) =>
        double.IsFinite(lower) ? $"{Number(estimate)} [{Number(lower)}, {Number(upper)}]" : Number(estimate);
}
