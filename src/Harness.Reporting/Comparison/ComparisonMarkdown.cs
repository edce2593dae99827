using System.Globalization;
using System.Text;

namespace Harness.Reporting.Comparison;

/// <summary>The comparison as Markdown: verdict, problems, regressed metrics and timings first, then every row.</summary>
internal static class ComparisonMarkdown
{
    public static string Write(ComparisonResult result)
    {
        var text = new StringBuilder();
        text.Append("# Comparison against the baseline\n\n");
        text.Append($"- run: `{result.RunFolder}`\n- baseline: `{result.BaselineFolder}`\n");
        text.Append(Invariant($"- rule: a metric regresses when the baseline mean lies outside the run's {result.Options.Level * 100:0}% interval by more than {result.Options.Tolerance}; ")
                    + Invariant($"a timing when run / baseline > {result.Options.TimingRatio} (medians; baselines under {result.Options.MinimumMilliseconds} ms are not judged); ")
                    + Invariant($"passes when run / baseline > {result.Options.PassRatio}\n"));
        if (result.DeviceRule is { } devices) text.Append($"- {devices}\n");
        text.Append(result.Regressed ? $"- verdict: **REGRESSED** ({result.RegressionCount} findings)\n\n" : "- verdict: **passed**\n\n");
        if (result.Problems.Count > 0)
        {
            text.Append("## Missing or failed\n\n| Subject | Problem |\n|---|---|\n");
            foreach (var p in result.Problems) text.Append($"| {Cell(p.Subject)} | {Cell(p.Problem)} |\n");
            text.Append('\n');
        }

        if (result.Metrics.Count > 0)
        {
            text.Append("## Metrics\n\n| Cell | Metric | Run [95% interval] | Baseline | Difference [95% interval] | Paired units | Status |\n|---|---|---:|---:|---:|---:|---|\n");
            foreach (var m in result.Metrics.OrderByDescending(m => m.Regressed))
                text.Append(CultureInfo.InvariantCulture, $"| {Cell(m.CellId)} | {Cell(m.Metric)} | {Interval(m.Run.Estimate, m.Run.Lower, m.Run.Upper)} | {Number(m.BaselineMean)} | " +
                            $"{Interval(m.Difference.Estimate, m.Difference.Lower, m.Difference.Upper)} | {m.PairedUnits} | {(m.Regressed ? "**regressed**" : "ok")}{(m.Devices is { } d ? $" ({d})" : "")} |\n");
            text.Append('\n');
        }

        if (result.Timings.Count > 0)
        {
            text.Append("## Timing\n\n| Subject | Run (ms) | Baseline (ms) | Ratio | Status |\n|---|---:|---:|---:|---|\n");
            foreach (var t in result.Timings.OrderByDescending(t => t.Regressed))
                text.Append($"| {Cell(t.Subject)} | {Milliseconds(t.RunMilliseconds)} | {Milliseconds(t.BaselineMilliseconds)} | {Invariant($"{t.Ratio:F2}")} | {(t.Regressed ? "**regressed**" : "ok")} |\n");
        }

        if (result.Passes.Count > 0)
        {
            text.Append("\n## Passes per attribution (forward + backward)\n\n| Cell | Run | Baseline | Ratio | Status |\n|---|---:|---:|---:|---|\n");
            foreach (var p in result.Passes.OrderByDescending(p => p.Regressed))
                text.Append($"| {Cell(p.CellId)} | {Number(p.RunPasses)} | {Number(p.BaselinePasses)} | {Number(p.Ratio)} | {(p.Regressed ? "**regressed**" : "ok")} |\n");
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Milliseconds(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("G4", CultureInfo.InvariantCulture) : "n/a";

    private static string Interval(double estimate, double lower, double upper) =>
        double.IsFinite(lower) ? $"{Number(estimate)} [{Number(lower)}, {Number(upper)}]" : Number(estimate);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
