using Harness.Reporting.Comparison;
using Harness.Reporting.Results;

namespace Harness.Reporting.Tests;

/// <summary>`harness compare`'s rule on fixed stores: an unchanged run passes, injected metric and timing regressions are flagged where they are.</summary>
[Fast]
public sealed class RunComparisonTests
{
    private TemporaryFolder folder = null!;
    private RunResults baseline = null!;

    [OneTimeSetUp]
    public void CreateBaseline()
    {
        folder = new TemporaryFolder();
        baseline = RunResults.Load(FixtureRun.Create(folder.Combine("baseline")));
    }

    [OneTimeTearDown]
    public void Delete() => folder.Dispose();

    private RunResults Run(string name, FixtureRun.Tweak? tweak = null, Func<string, string, double>? wallMs = null, Func<string, string, long>? passes = null) =>
        RunResults.Load(FixtureRun.Create(folder.Combine(name), tweak, wallMs, passes));

    /// <summary>The fixture's default wall time: 100, 200, 300, 400 ms for random, saliency, integrated_gradients, reagent.</summary>
    private static double DefaultMs(string attributor) => 100.0 * (Array.IndexOf(FixtureRun.Attributors, attributor) + 1);

    [Test]
    public void An_unchanged_run_passes_with_zero_differences()
    {
        var result = RunComparison.Compare(Run("same"), baseline, new ComparisonOptions());

        Assert.Multiple(() =>
        {
            Assert.That(result.Regressed, Is.False);
            // 2 models x 4 attributors x 7 metrics, every one compared.
            Assert.That(result.Metrics, Has.Count.EqualTo(2 * 4 * 7));
            Assert.That(result.Metrics.Select(m => m.Difference.Estimate), Is.All.EqualTo(0).Within(1e-12));
            Assert.That(result.Timings, Has.Count.EqualTo(8));
            Assert.That(result.Passes, Has.Count.EqualTo(8));
            Assert.That(result.Problems, Is.Empty);
        });
    }

    [Test]
    public void A_metric_shifted_beyond_the_interval_and_tolerance_regresses_in_that_cell_only()
    {
        var run = Run("shifted", (model, attributor, metric, v) => model == "llama" && attributor == "reagent" && metric == "soft_ns" ? v - 0.1 : v);

        var result = RunComparison.Compare(run, baseline, new ComparisonOptions());

        var regressed = result.Metrics.Where(m => m.Regressed).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Regressed, Is.True);
            Assert.That(regressed.Select(m => (m.CellId, m.Metric)), Is.EqualTo(new[] { ("llama/wikibio/reagent/seed=0", "soft_ns") }));
            Assert.That(regressed[0].Difference.Estimate, Is.EqualTo(-0.1).Within(1e-12));
            Assert.That(regressed[0].PairedUnits, Is.EqualTo(FixtureRun.Examples * FixtureRun.Steps.Length));
        });
    }

    [Test]
    public void A_shift_inside_the_tolerance_passes()
    {
        var run = Run("nudged", (model, attributor, metric, v) => model == "gpt2" && attributor == "saliency" && metric == "lds" ? v + 0.01 : v);

        Assert.Multiple(() =>
        {
            // The run's interval of the mean spans about +-0.008; 0.01 of shift plus 0.005 of tolerance covers the baseline.
            Assert.That(RunComparison.Compare(run, baseline, new ComparisonOptions(Tolerance: 0.005)).Regressed, Is.False);
            Assert.That(RunComparison.Compare(run, baseline, new ComparisonOptions(Tolerance: 0)).Regressed, Is.True);
        });
    }

    [Test]
    public void A_timing_ratio_above_the_threshold_regresses()
    {
        var run = Run("slow", wallMs: (model, attributor) => (model, attributor) == ("gpt2", "saliency") ? 600 : DefaultMs(attributor));

        var result = RunComparison.Compare(run, baseline, new ComparisonOptions(TimingRatio: 2));

        Assert.Multiple(() =>
        {
            Assert.That(result.Timings.Where(t => t.Regressed).Select(t => t.Subject), Is.EqualTo(new[] { "gpt2/wikibio/saliency/seed=0" }));
            Assert.That(result.Timings.Single(t => t.Regressed).Ratio, Is.EqualTo(3).Within(1e-12));
            Assert.That(result.Metrics.Any(m => m.Regressed), Is.False);
            Assert.That(RunComparison.Compare(run, baseline, new ComparisonOptions(TimingRatio: 3.5)).Regressed, Is.False);
        });
    }

    [Test]
    public void Timings_under_the_floor_are_listed_but_never_flagged()
    {
        var run = Run("fast-but-noisy", wallMs: (_, attributor) => DefaultMs(attributor) / 10 * (attributor == "random" ? 5 : 1));

        var result = RunComparison.Compare(
            run, RunResults.Load(FixtureRun.Create(folder.Combine("fast-baseline"), wallMs: (_, attributor) => DefaultMs(attributor) / 10)),
            new ComparisonOptions(MinimumMilliseconds: 50));

        Assert.Multiple(() =>
        {
            Assert.That(result.Timings.Single(t => t.Subject == "gpt2/wikibio/random/seed=0").Ratio, Is.EqualTo(5).Within(1e-12));
            Assert.That(result.Regressed, Is.False, "a 10 ms baseline is below the 50 ms floor");
        });
    }

    [Test]
    public void More_forward_passes_per_attribution_regress_even_when_the_time_is_unchanged()
    {
        var run = Run("more-passes", passes: (model, attributor) => (model, attributor) == ("llama", "integrated_gradients") ? 22 : 1 + Array.IndexOf(FixtureRun.Attributors, attributor) * 10);

        var result = RunComparison.Compare(run, baseline, new ComparisonOptions());

        Assert.Multiple(() =>
        {
            Assert.That(result.Passes.Where(p => p.Regressed).Select(p => p.CellId), Is.EqualTo(new[] { "llama/wikibio/integrated_gradients/seed=0" }));
            Assert.That(result.Passes.Single(p => p.Regressed).Ratio, Is.EqualTo(22.0 / 21).Within(1e-12));
            Assert.That(result.Timings.Any(t => t.Regressed), Is.False);
            Assert.That(RunComparison.Compare(run, baseline, new ComparisonOptions(PassRatio: 1.1)).Regressed, Is.False);
        });
    }

    [Test]
    public void A_baseline_cell_missing_from_the_run_is_a_regression()
    {
        var run = Run("partial");
        run = run with { Cells = run.Cells.Where(c => c.CellId != "llama/wikibio/random/seed=0").ToList() };

        var result = RunComparison.Compare(run, baseline, new ComparisonOptions());

        Assert.That(result.Problems.Select(p => p.Subject), Is.EqualTo(new[] { "llama/wikibio/random/seed=0" }));
        Assert.That(result.Regressed, Is.True);
    }

    [Test]
    public void Markdown_and_HTML_name_the_regressed_cell_and_the_verdict()
    {
        var run = Run("shifted-report", (model, attributor, metric, v) => model == "gpt2" && attributor == "reagent" && metric == "soft_nc" ? v + 0.2 : v);
        var result = RunComparison.Compare(run, baseline, new ComparisonOptions());

        var (markdown, html) = ComparisonHtml.WriteBoth(result, folder.Combine("comparison"));

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(markdown), Does.Contain("**REGRESSED** (1 findings)").And.Contain("| gpt2/wikibio/reagent/seed=0 | soft_nc |"));
            Assert.That(File.ReadAllText(html), Does.Contain("Regressed (1 findings)").And.Contain("<tr class=\"regressed\"><td>gpt2/wikibio/reagent/seed=0</td><td>soft_nc</td>"));
        });
    }

    [Test]
    public void Benchmark_exports_compare_by_mean_and_flag_a_slow_down()
    {
        var baseFolder = Directory.CreateDirectory(folder.Combine("bench-base", "results")).FullName;
        var runFolder = Directory.CreateDirectory(folder.Combine("bench-run", "results")).FullName;
        File.WriteAllText(Path.Combine(baseFolder, "A-report-full.json"), BenchExport(("Fast", 2e6), ("Slow", 10e6)));
        File.WriteAllText(Path.Combine(runFolder, "A-report-full.json"), BenchExport(("Fast", 2.2e6), ("Slow", 25e6)));

        var result = BenchmarkComparison.Compare(folder.Combine("bench-run"), folder.Combine("bench-base"), new ComparisonOptions(TimingRatio: 2));

        Assert.Multiple(() =>
        {
            Assert.That(BenchmarkComparison.IsBenchmarkFolder(folder.Combine("bench-run")), Is.True);
            Assert.That(result.Timings.Where(t => t.Regressed).Select(t => t.Subject), Is.EqualTo(new[] { "Bench.Slow" }));
            Assert.That(result.Timings.Single(t => t.Subject == "Bench.Fast").Ratio, Is.EqualTo(1.1).Within(1e-9));
        });
    }

    private static string BenchExport(params (string Method, double MeanNs)[] benchmarks) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            Title = "t",
            Benchmarks = benchmarks.Select(b => new { FullName = $"Bench.{b.Method}", Method = b.Method, Parameters = "", Statistics = new { Mean = b.MeanNs } }),
        });
}
