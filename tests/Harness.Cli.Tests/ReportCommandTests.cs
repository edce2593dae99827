using Harness.Evaluation.ContextAttribution;
using Harness.Evaluation.Core;
using Harness.Reporting.Tests;

namespace Harness.Cli.Tests;

/// <summary>`harness report` and `harness compare` on the small fixed result store.</summary>
[TestFixture]
[Fast]
public sealed class ReportCommandTests
{
    [Test]
    public void Report_writes_tables_figures_and_the_HTML_index()
    {
        using var folder = new TemporaryFolder();
        var run = FixtureRun.Create(folder.Combine("run"));

        var result = CommandResult.Of("report", run, "--out", folder.Combine("out"));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Contain("5 tables and"));
            Assert.That(File.Exists(folder.Combine("out", "index.html")), Is.True);
            Assert.That(File.Exists(folder.Combine("out", "tables", "reagent_token_wikibio.tex")), Is.True);
            Assert.That(File.Exists(folder.Combine("out", "figures", "reagent_token_wikibio_bars.png")), Is.True);
        });
    }

    [Test]
    public void Report_on_a_folder_without_a_store_fails_with_exit_code_2()
    {
        using var folder = new TemporaryFolder();

        var result = CommandResult.Of("report", folder.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("results.sqlite"));
    }

    [Test]
    public void Compare_exits_0_for_an_unchanged_run_and_1_for_an_injected_regression()
    {
        using var folder = new TemporaryFolder();
        var baseline = FixtureRun.Create(folder.Combine("baseline"));
        var same = FixtureRun.Create(folder.Combine("same"));
        var worse = FixtureRun.Create(folder.Combine("worse"), (model, attributor, metric, v) => (model, attributor, metric) == ("gpt2", "reagent", "lds") ? v - 0.3 : v);

        var passed = CommandResult.Of("compare", same, baseline);
        var regressed = CommandResult.Of("compare", worse, baseline, "--out", folder.Combine("cmp"));

        Assert.Multiple(() =>
        {
            Assert.That(passed.ExitCode, Is.EqualTo(0), passed.Output + passed.Error);
            Assert.That(passed.Output, Does.StartWith("passed:"));
            Assert.That(regressed.ExitCode, Is.EqualTo(1), regressed.Error);
            Assert.That(regressed.Output, Does.Contain("gpt2/wikibio/reagent/seed=0 lds: baseline"));
            Assert.That(File.ReadAllText(folder.Combine("cmp", "comparison.md")), Does.Contain("REGRESSED"));
            Assert.That(File.Exists(folder.Combine("cmp", "comparison.html")), Is.True);
        });
    }

    [Test]
    public void Compare_across_devices_names_the_devices_and_the_rule_and_judges_each_unit()
    {
        using var folder = new TemporaryFolder();
        float[][] scores = [[0.5f, 0.3f, 0.1f]];
        var ties = new Dictionary<PartKey, double> { [Lds.MasksPart] = 16, [Lds.NearTiesPart] = 1 };
        var baseline = DeviceRun.Create(folder.Combine("cpu"), "cpu", scores, new DeviceRun.Metric("lds", [0.8], ties));
        var nearTied = DeviceRun.Create(folder.Combine("gpu"), "cuda", scores, new DeviceRun.Metric("lds", [0.84], ties));
        var moved = DeviceRun.Create(folder.Combine("gpu-moved"), "cuda", scores, new DeviceRun.Metric("lds", [0.6], ties));

        var passed = CommandResult.Of("compare", nearTied, baseline);
        var regressed = CommandResult.Of("compare", moved, baseline);

        Assert.Multiple(() =>
        {
            Assert.That(passed.ExitCode, Is.EqualTo(0), passed.Output + passed.Error);
            Assert.That(passed.Output.Split('\n')[1], Does.StartWith("devices differ (tiny-gpt2: baseline cpu, run cuda)"));
            Assert.That(regressed.ExitCode, Is.EqualTo(1), regressed.Error);
            Assert.That(regressed.Output, Does.Contain($"{DeviceRun.CellId} lds: across devices: 0/1 units within tolerance, 0 through near-ties, 0 mask flips, 1 disagree"));
        });
    }

    [Test]
    public void Compare_refuses_runs_of_different_definitions_versions_with_exit_code_2()
    {
        using var folder = new TemporaryFolder();
        var baseline = FixtureRun.Create(folder.Combine("baseline"));
        var run = FixtureRun.Create(folder.Combine("run"));
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(baseline, "results.sqlite")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE attributions SET definitions_version = 1; UPDATE metric_values SET definitions_version = 1;";
            command.ExecuteNonQuery();
        }

        var result = CommandResult.Of("compare", run, baseline);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.Output);
            Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(result.Error, Does.Contain("definitions version 1").And.Contain("re-record the baseline"));
        });
    }

    [Test]
    public void Compare_refuses_a_timing_ratio_below_one()
    {
        using var folder = new TemporaryFolder();
        var run = FixtureRun.Create(folder.Combine("run"));

        var result = CommandResult.Of("compare", run, run, "--timing-ratio", "0.5");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--timing-ratio"));
    }
}
