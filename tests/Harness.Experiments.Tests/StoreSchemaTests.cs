using System.Text.RegularExpressions;
using Harness.Evaluation.Core;
using Harness.Experiments.Store;
using Microsoft.Data.Sqlite;

namespace Harness.Experiments.Tests;

/// <summary>
/// The store's schema has one owner (StoreSchema): a new store is at the latest version, a store the code wrote before
/// versions were recorded (user_version 0) migrates in one transaction keeping its rows, reading never writes, a store
/// newer than the code is refused naming the file, and no SQL against the store's tables lives outside Store/.
/// </summary>
[TestFixture]
[Fast]
public sealed partial class StoreSchemaTests
{
    /// <summary>What ResultStore.Open ran on every open before the schema was versioned (its DDL, copied as it was).</summary>
    private const string UnversionedDdl = """
        CREATE TABLE IF NOT EXISTS runs(
          run_id TEXT PRIMARY KEY, name TEXT NOT NULL, experiment_file TEXT NOT NULL, experiment_sha256 TEXT NOT NULL,
          experiment_text TEXT NOT NULL, harness_commit TEXT NOT NULL, libtorch_version TEXT NOT NULL, dotnet_version TEXT NOT NULL,
          machine TEXT NOT NULL, started_utc TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS models(
          run_id TEXT NOT NULL REFERENCES runs(run_id), model TEXT NOT NULL, folder TEXT NOT NULL, dtype TEXT NOT NULL,
          device TEXT NOT NULL, files_sha256_json TEXT NOT NULL, PRIMARY KEY(run_id, model));
        CREATE TABLE IF NOT EXISTS targets(
          run_id TEXT NOT NULL REFERENCES runs(run_id), model TEXT NOT NULL, dataset TEXT NOT NULL, items_json TEXT NOT NULL,
          PRIMARY KEY(run_id, model, dataset));
        CREATE TABLE IF NOT EXISTS cells(
          run_id TEXT NOT NULL REFERENCES runs(run_id), cell_id TEXT NOT NULL, model TEXT NOT NULL, dataset TEXT NOT NULL,
          attributor TEXT NOT NULL, attributor_name TEXT NOT NULL, attributor_options_json TEXT NOT NULL, seed INTEGER NOT NULL,
          status TEXT NOT NULL, error TEXT, wall_ms REAL NOT NULL, finished_utc TEXT NOT NULL, PRIMARY KEY(run_id, cell_id));
        CREATE TABLE IF NOT EXISTS attributions(
          run_id TEXT NOT NULL, cell_id TEXT NOT NULL, example_id TEXT NOT NULL, step INTEGER NOT NULL, target_ids_json TEXT NOT NULL,
          scores BLOB NOT NULL, wall_ms REAL NOT NULL, forward_passes INTEGER NOT NULL, backward_passes INTEGER NOT NULL,
          tokens INTEGER NOT NULL, peak_memory_bytes INTEGER NOT NULL, device TEXT NOT NULL, dtype TEXT NOT NULL, diagnostics_json TEXT NOT NULL,
          definitions_version INTEGER NOT NULL,
          PRIMARY KEY(run_id, cell_id, example_id, step), FOREIGN KEY(run_id, cell_id) REFERENCES cells(run_id, cell_id) ON DELETE CASCADE);
        CREATE TABLE IF NOT EXISTS metric_values(
          run_id TEXT NOT NULL, cell_id TEXT NOT NULL, example_id TEXT NOT NULL, step INTEGER NOT NULL, metric TEXT NOT NULL,
          metric_name TEXT NOT NULL, options_json TEXT NOT NULL, value REAL, parts_json TEXT NOT NULL, flags TEXT NOT NULL,
          forward_passes INTEGER NOT NULL, wall_ms REAL NOT NULL, definitions_version INTEGER NOT NULL,
          PRIMARY KEY(run_id, cell_id, example_id, step, metric), FOREIGN KEY(run_id, cell_id) REFERENCES cells(run_id, cell_id) ON DELETE CASCADE);
        CREATE TABLE IF NOT EXISTS experiment_versions(
          run_id TEXT NOT NULL REFERENCES runs(run_id), version INTEGER NOT NULL, experiment_file TEXT NOT NULL, experiment_sha256 TEXT NOT NULL,
          experiment_text TEXT NOT NULL, grid_json TEXT NOT NULL, harness_commit TEXT NOT NULL, libtorch_version TEXT NOT NULL,
          dotnet_version TEXT NOT NULL, machine TEXT NOT NULL, started_utc TEXT NOT NULL, PRIMARY KEY(run_id, version));
        CREATE TABLE IF NOT EXISTS plans(
          run_id TEXT NOT NULL, version INTEGER NOT NULL, plan_sha256 TEXT NOT NULL, created_utc TEXT NOT NULL, PRIMARY KEY(run_id, version));
        CREATE TABLE IF NOT EXISTS plan_cells(
          run_id TEXT NOT NULL, version INTEGER NOT NULL, position INTEGER NOT NULL, cell_id TEXT NOT NULL, work TEXT NOT NULL,
          forward REAL NOT NULL, backward REAL NOT NULL, metrics TEXT NOT NULL, PRIMARY KEY(run_id, version, cell_id));
        CREATE TABLE IF NOT EXISTS shard(
          run_id TEXT NOT NULL, plan_version INTEGER NOT NULL, plan_sha256 TEXT NOT NULL, shard_index INTEGER NOT NULL, shard_count INTEGER NOT NULL,
          device TEXT NOT NULL, harness_commit TEXT NOT NULL, libtorch_version TEXT NOT NULL, dotnet_version TEXT NOT NULL, machine TEXT NOT NULL,
          started_utc TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS merged_shards(
          run_id TEXT NOT NULL, plan_version INTEGER NOT NULL, plan_sha256 TEXT NOT NULL, shard_index INTEGER NOT NULL, shard_count INTEGER NOT NULL,
          device TEXT NOT NULL, harness_commit TEXT NOT NULL, libtorch_version TEXT NOT NULL, dotnet_version TEXT NOT NULL, machine TEXT NOT NULL,
          started_utc TEXT NOT NULL, merged_utc TEXT NOT NULL, cells INTEGER NOT NULL);
        """;

    /// <summary>One run with one cell, one attribution and one metric value, as the old code wrote them.</summary>
    private const string Rows = """
        INSERT INTO runs VALUES('r', 'old', 'old.yaml', 'sha', 'text', 'commit', '2.9', '10.0', 'host', '2026-12-01T00:00:00Z');
        INSERT INTO cells VALUES('r', 'm/d/occlusion/seed=0', 'm', 'd', 'occlusion', 'occlusion', '{}', 0, 'done', NULL, 1.5, '2026-12-01T00:00:01Z');
        INSERT INTO attributions VALUES('r', 'm/d/occlusion/seed=0', 'e1', 0, '[7]', x'0000803F', 1.0, 2, 0, 9, 0, 'cpu', 'float32', '{}', 2);
        INSERT INTO metric_values VALUES('r', 'm/d/occlusion/seed=0', 'e1', 0, 'aopc', 'aopc', '{}', 0.25, '{"k=1":0.25}', 'all_equal_scores', 3, 0.5, 2);
        """;

    [Test]
    public void A_new_store_is_created_at_the_latest_version_with_every_table()
    {
        using var files = new ExperimentFiles();
        using (ResultStore.Open(files.Folder)) { }

        Assert.Multiple(() =>
        {
            Assert.That(VersionOf(files.Folder), Is.EqualTo(StoreSchema.Latest));
            Assert.That(Schema(files.Folder).Keys, Is.EquivalentTo(new[]
            {
                "runs", "models", "targets", "cells", "attributions", "metric_values", "experiment_versions", "plans", "plan_cells", "shard", "merged_shards",
            }));
        });
    }

    [Test]
    public void A_store_written_before_versions_were_recorded_migrates_to_the_latest_keeping_its_rows_and_tables()
    {
        using var files = new ExperimentFiles();
        var old = Path.Combine(files.Folder, "old");
        Write(old, UnversionedDdl + Rows);
        var fresh = Path.Combine(files.Folder, "fresh");
        using (ResultStore.Open(fresh)) { }

        using (var store = ResultStore.Open(old))
        {
            Assert.Multiple(() =>
            {
                Assert.That(store.Cells().Single().CellId, Is.EqualTo("m/d/occlusion/seed=0"));
                Assert.That(store.Attributions().Single().Scores, Is.EqualTo(new[] { 1f }));
                Assert.That(store.MetricValues().Single().Parts[new PartKey("k", 1)], Is.EqualTo(0.25));
                Assert.That(store.DefinitionsVersions(), Is.EqualTo(new[] { 2 }));
            });
        }

        Assert.Multiple(() =>
        {
            Assert.That(VersionOf(old), Is.EqualTo(StoreSchema.Latest));
            // Versions 1 to 3 are the old DDL exactly: a migrated store and a new one have the same tables, column for column.
            Assert.That(Schema(old), Is.EqualTo(Schema(fresh)));
        });
    }

    [Test]
    public void A_store_from_before_the_definitions_version_gains_the_column_its_rows_reading_1()
    {
        using var files = new ExperimentFiles();
        var ddl = UnversionedDdl.Replace("definitions_version INTEGER NOT NULL,", "", StringComparison.Ordinal);
        Write(files.Folder, ddl + Rows.Replace(", 2);", ");", StringComparison.Ordinal));

        using var store = ResultStore.Open(files.Folder);

        Assert.That(store.DefinitionsVersions(), Is.EqualTo(new[] { DefinitionsVersion.BeforeVersioning }));
    }

    [Test]
    public void The_committed_baseline_reads_without_a_write_and_migrates_when_opened_for_writing()
    {
        using var files = new ExperimentFiles();
        File.Copy(RepositoryFolder.Combine("results", "baseline", ResultStore.FileName), Path.Combine(files.Folder, ResultStore.FileName));
        var path = Path.Combine(files.Folder, ResultStore.FileName);
        var before = File.ReadAllBytes(path);

        int values;
        using (var reader = ResultStore.OpenReadOnly(files.Folder)) values = reader.MetricValues().Count;
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before), "reading wrote to the store");

        using (var writer = ResultStore.Open(files.Folder))
            Assert.That(writer.MetricValues(), Has.Count.EqualTo(values).And.Count.GreaterThan(0));
        Assert.Multiple(() =>
        {
            Assert.That(VersionOf(files.Folder), Is.EqualTo(StoreSchema.Latest));
            Assert.That(Schema(files.Folder).Keys, Does.Contain("experiment_versions").And.Contain("plans"), "the tables of versions 2 and 3 it lacked");
        });
    }

    [Test]
    public void A_store_newer_than_the_code_is_refused_in_one_line_naming_the_file_and_left_unchanged()
    {
        using var files = new ExperimentFiles();
        using (ResultStore.Open(files.Folder)) { }
        Execute(files.Folder, $"PRAGMA user_version = {StoreSchema.Latest + 1}");
        var path = Path.Combine(files.Folder, ResultStore.FileName);
        var before = File.ReadAllBytes(path);

        var reading = Assert.Throws<NewerStoreException>(() => ResultStore.OpenReadOnly(files.Folder))!;
        var writing = Assert.Throws<NewerStoreException>(() => ResultStore.Open(files.Folder))!;

        Assert.Multiple(() =>
        {
            foreach (var refusal in new[] { reading, writing })
                Assert.That(refusal.Message, Does.StartWith(path).And.Contain($"schema version {StoreSchema.Latest + 1}, newer than this harness knows ({StoreSchema.Latest})")
                    .And.Not.Contain("\n"));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
        });
    }

    [Test]
    public void A_migration_that_fails_leaves_the_store_as_it_was()
    {
        using var files = new ExperimentFiles();
        // Version 3's CREATE TABLE plans cannot run beside an index of that name: the migration fails after version 2's table.
        var versionOne = UnversionedDdl[..UnversionedDdl.IndexOf("CREATE TABLE IF NOT EXISTS experiment_versions", StringComparison.Ordinal)];
        Write(files.Folder, versionOne + Rows + "CREATE INDEX plans ON cells(model);");

        Assert.Throws<SqliteException>(() => ResultStore.Open(files.Folder));

        Assert.Multiple(() =>
        {
            Assert.That(VersionOf(files.Folder), Is.EqualTo(StoreSchema.Unversioned));
            Assert.That(Schema(files.Folder).Keys, Does.Not.Contain("experiment_versions"), "version 2's table was rolled back with the rest");
        });
    }

    [Test]
    public void No_SQL_against_the_store_lives_outside_the_store_types()
    {
        var source = RepositoryFolder.Combine("src");
        var store = Path.Combine(source, "Harness.Experiments", "Store") + Path.DirectorySeparatorChar;
        var offending = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(store, StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => Sql().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(source, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.That(offending, Is.Empty, "read and write the store through ResultStore's typed methods");
    }

    [GeneratedRegex(@"\b(SELECT|INSERT INTO|CREATE TABLE|ALTER TABLE|DELETE FROM|PRAGMA|ATTACH DATABASE)\b|\bUPDATE \w+ SET\b")]
    private static partial Regex Sql();

    private static void Write(string folder, string sql)
    {
        Directory.CreateDirectory(folder);
        Execute(folder, "PRAGMA journal_mode=WAL;" + sql);
    }

    private static void Execute(string folder, string sql)
    {
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, ResultStore.FileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    private static long VersionOf(string folder) => (long)Read(folder, "PRAGMA user_version").Single()[0];

    /// <summary>Each table's name and DDL.</summary>
    private static Dictionary<string, string> Schema(string folder) =>
        Read(folder, "SELECT name, sql FROM sqlite_master WHERE type = 'table'").ToDictionary(r => (string)r[0], r => (string)r[1]);

    private static List<object[]> Read(string folder, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, ResultStore.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
