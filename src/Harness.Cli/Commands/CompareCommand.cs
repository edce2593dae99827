using System.CommandLine;
using Harness.Reporting.Comparison;
using Harness.Reporting.Results;

namespace Harness.Cli.Commands;

/// <summary>`harness compare RUN_FOLDER BASELINE_FOLDER`: per cell and metric, the difference from the baseline with its
/// bootstrap interval, and the regressions (RunComparison's rule), as Markdown and HTML; exit code 1 when anything regressed.
/// Two folders of BenchmarkDotNet exports (*-report-full.json) are compared by mean time instead.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN_FOLDER") { Description = "The run to check (results.sqlite), or a folder of BenchmarkDotNet exports." };
        var baseline = new Argument<string>("BASELINE_FOLDER") { Description = "The baseline run (e.g. results/baseline), or a folder of BenchmarkDotNet exports." };
        var defaults = new ComparisonOptions();
        var tolerance = new Option<double>("--tolerance")
        {
            Description = "How far outside the run's 95% interval the baseline mean may lie (absolute, in the metric's units).",
            DefaultValueFactory = _ => defaults.Tolerance,
        };
        var timingRatio = new Option<double>("--timing-ratio")
        {
            Description = "Largest run/baseline wall-time ratio that passes.",
            DefaultValueFactory = _ => defaults.TimingRatio,
        };
        var output = new Option<string?>("--out") { Description = "Where comparison.md and comparison.html go; RUN_FOLDER/comparison when absent." };
        var command = new Command("compare", """
            Compare a run against a baseline; exit code 1 when a metric, a timing or a pass count regressed, 0 otherwise.

            Examples:
              harness compare runs/nightly results/baseline
              harness compare runs/nightly results/baseline --tolerance 0.02 --timing-ratio 1.5
              harness compare results/bench/2026-12-01 results/bench/2026-11-22
            """);
        command.Arguments.Add(run);
        command.Arguments.Add(baseline);
        foreach (var o in new Option[] { tolerance, timingRatio, output }) command.Options.Add(o);
        command.SetAction(r => CommandRunner.Run(() => Run(
            r.GetValue(run)!, r.GetValue(baseline)!, defaults with { Tolerance = r.GetValue(tolerance), TimingRatio = r.GetValue(timingRatio) }, r.GetValue(output))));
        return command;
    }

    private static int Run(string runFolder, string baselineFolder, ComparisonOptions options, string? outFolder)
    {
        foreach (var folder in new[] { runFolder, baselineFolder })
            if (!Directory.Exists(folder)) throw new UsageException($"the folder {folder} does not exist");
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new UsageException($"--{(e.ParamName == nameof(ComparisonOptions.Tolerance) ? "tolerance" : "timing-ratio")}: {e.Message}");
        }

        var benchmarks = BenchmarkComparison.IsBenchmarkFolder(runFolder) && BenchmarkComparison.IsBenchmarkFolder(baselineFolder);
        ComparisonResult result;
        try
        {
            result = benchmarks
                ? BenchmarkComparison.Compare(runFolder, baselineFolder, options)
                : RunComparison.Compare(RunResults.Load(runFolder), RunResults.Load(baselineFolder), options);
        }
        catch (Exception e) when (e is InvalidDataException or IncomparableRunsException)
        {
            throw new UsageException(e.Message);
        }

        var (markdown, html) = ComparisonHtml.WriteBoth(result, outFolder ?? Path.Combine(runFolder, "comparison"));
        Console.WriteLine(result.Regressed
            ? $"REGRESSED: {result.RegressionCount} findings ({result.Problems.Count} missing or failed, {result.Metrics.Count(m => m.Regressed)} metrics, " +
              $"{result.Timings.Count(t => t.Regressed)} timings, {result.Passes.Count(p => p.Regressed)} pass counts)"
            : $"passed: {result.Metrics.Count} metric comparisons, {result.Timings.Count} timings, {result.Passes.Count} pass counts");
        if (result.DeviceRule is { } devices) Console.WriteLine(devices);
        foreach (var problem in result.Problems) Console.WriteLine($"  {problem.Subject}: {problem.Problem}");
        foreach (var m in result.Metrics.Where(m => m.Regressed))
            Console.WriteLine(FormattableString.Invariant($"  {m.CellId} {m.Metric}: {(m.Devices is { } d ? d.ToString() : $"baseline {m.BaselineMean:G4} outside run {m.Run}")}"));
        foreach (var t in result.Timings.Where(t => t.Regressed))
            Console.WriteLine(FormattableString.Invariant($"  {t.Subject}: {t.RunMilliseconds:G4} ms vs {t.BaselineMilliseconds:G4} ms (x{t.Ratio:F2})"));
        foreach (var p in result.Passes.Where(p => p.Regressed))
            Console.WriteLine(FormattableString.Invariant($"  {p.CellId}: {p.RunPasses:G4} passes per attribution vs {p.BaselinePasses:G4}"));
        Console.WriteLine($"written: {markdown}, {html}");
        return result.Regressed ? 1 : 0;
    }
}
