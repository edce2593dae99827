using Harness.Experiments.Store;
using Harness.Reporting.Comparison;
using Harness.Reporting.Results;
using Microsoft.Data.Sqlite;

namespace Harness.Reporting.Tests;

/// <summary>Every result row records the definitions version it was computed under, and `harness compare` refuses runs of
/// different versions (their differences are definitions, not regressions) or a comparison of nothing.</summary>
[Fast]
public sealed class DefinitionsVersionTests
{
    private TemporaryFolder folder = null!;

    [SetUp]
    public void Create() => folder = new TemporaryFolder();

    [TearDown]
    public void Delete() => folder.Dispose();

    [Test]
    public void Every_attribution_and_metric_row_carries_the_current_definitions_version()
    {
        var run = FixtureRun.Create(folder.Combine("run"));

        using var store = ResultStore.OpenReadOnly(run);
        foreach (var table in new[] { "attributions", "metric_values" })
            Assert.That(store.Query($"SELECT DISTINCT definitions_version AS v FROM {table}").Select(r => (long)r["v"]!), Is.EqualTo(new[] { (long)DefinitionsVersion.Current }), table);
        Assert.That(RunResults.Load(run).DefinitionsVersions, Is.EqualTo(new[] { DefinitionsVersion.Current }));
    }

    [Test]
    public void Compare_refuses_runs_of_different_definitions_versions_naming_both()
    {
        var baseline = FixtureRun.Create(folder.Combine("baseline"));
        var run = FixtureRun.Create(folder.Combine("run"));
        SetVersion(baseline, DefinitionsVersion.Current - 1);

        var refusal = Assert.Throws<IncomparableRunsException>(() => RunComparison.Compare(RunResults.Load(run), RunResults.Load(baseline), new ComparisonOptions()))!;

        Assert.That(refusal.Message, Does.Contain($"definitions version {DefinitionsVersion.Current}").And.Contain($"definitions version {DefinitionsVersion.Current - 1}")
            .And.Contain("re-record the baseline"));
    }

    [Test]
    public void A_store_written_before_the_version_existed_reads_as_version_1_without_being_changed()
    {
        var old = FixtureRun.Create(folder.Combine("old"));
        DropVersionColumns(old);
        var before = File.ReadAllBytes(Path.Combine(old, ResultStore.FileName));

        var versions = RunResults.Load(old).DefinitionsVersions;

        Assert.Multiple(() =>
        {
            Assert.That(versions, Is.EqualTo(new[] { DefinitionsVersion.BeforeVersioning }));
            // Reading never writes: no ALTER TABLE, no CREATE TABLE (a read-only store stays readable).
            Assert.That(File.ReadAllBytes(Path.Combine(old, ResultStore.FileName)), Is.EqualTo(before));
        });
    }

    [Test]
    public void Compare_against_a_baseline_with_no_finished_cell_regresses_saying_nothing_was_compared()
    {
        var run = RunResults.Load(FixtureRun.Create(folder.Combine("run")));
        var baseline = RunResults.Load(FixtureRun.Create(folder.Combine("baseline")));
        var allFailed = baseline with { Cells = baseline.Cells.Select(c => c with { Done = false }).ToList() };

        var result = RunComparison.Compare(run, allFailed, new ComparisonOptions());

        Assert.Multiple(() =>
        {
            Assert.That(result.Regressed, Is.True);
            Assert.That(result.Problems.Select(p => p.Problem), Has.Some.StartsWith("nothing was compared"));
        });
    }

    [Test]
    public void Compare_against_a_baseline_of_other_examples_regresses_saying_they_share_none()
    {
        var baseline = RunResults.Load(FixtureRun.Create(folder.Combine("baseline")));
        var run = baseline with { Metrics = baseline.Metrics.Select(m => m with { ExampleId = "other-" + m.ExampleId }).ToList() };

        var result = RunComparison.Compare(run, baseline, new ComparisonOptions());

        Assert.Multiple(() =>
        {
            Assert.That(result.Regressed, Is.True);
            Assert.That(result.Metrics, Is.Empty, "no metric is reported as moved");
            Assert.That(result.Problems.Select(p => p.Problem), Has.One.Contains("share no example"));
        });
    }

    [Test]
    public void A_run_is_read_while_its_writer_holds_the_store_open()
    {
        var run = FixtureRun.Create(folder.Combine("run"));
        using var writer = ResultStore.Open(run);

        Assert.That(RunResults.Load(run).Cells, Has.Count.EqualTo(FixtureRun.Models.Length * FixtureRun.Attributors.Length));
    }

    private static void SetVersion(string runFolder, int version) =>
        Sql(runFolder, $"UPDATE attributions SET definitions_version = {version}; UPDATE metric_values SET definitions_version = {version};");

    private static void DropVersionColumns(string runFolder) =>
        Sql(runFolder, "ALTER TABLE attributions DROP COLUMN definitions_version; ALTER TABLE metric_values DROP COLUMN definitions_version; PRAGMA wal_checkpoint(TRUNCATE);");

    private static void Sql(string runFolder, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(runFolder, ResultStore.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
