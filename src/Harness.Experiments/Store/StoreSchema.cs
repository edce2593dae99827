using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Harness.Experiments.Store;

/// <summary>
/// The one owner of the result store's schema: its history as ordered migrations and the version a store is at, kept
/// in SQLite's <c>PRAGMA user_version</c>. Opening for writing brings a store to <see cref="Latest"/> in one transaction;
/// reading never writes, and both refuse a store newer than this code knows. Stores written before the version was
/// recorded read 0 and may be at any point of versions 1 to 3 (each step of the schema's growth came with the code, not
/// with a number), so those migrations create only what is absent: from 0 every migration runs and keeps what exists.
/// A later change is one more entry at the end of <see cref="Migrations"/>, which may assume its predecessor exactly.
/// </summary>
public static class StoreSchema
{
    /// <summary>What a store written before the schema version was recorded reads.</summary>
    public const int Unversioned = 0;

    /// <summary>Every migration in order: entry i takes a store from version i to i + 1.</summary>
    public static IReadOnlyList<StoreMigration> Migrations { get; } =
    [
        new(1, "runs, models, targets, cells, attributions and metric_values (definitions_version in the result rows)", """
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
            """, AddDefinitionsVersion),
        new(2, "experiment_versions: each version of a resumed run's experiment", """
            CREATE TABLE IF NOT EXISTS experiment_versions(
              run_id TEXT NOT NULL REFERENCES runs(run_id), version INTEGER NOT NULL, experiment_file TEXT NOT NULL, experiment_sha256 TEXT NOT NULL,
              experiment_text TEXT NOT NULL, grid_json TEXT NOT NULL, harness_commit TEXT NOT NULL, libtorch_version TEXT NOT NULL,
              dotnet_version TEXT NOT NULL, machine TEXT NOT NULL, started_utc TEXT NOT NULL, PRIMARY KEY(run_id, version));
            """),
        new(3, "plans, plan_cells, shard and merged_shards: scale-out", """
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
            """),
    ];

    /// <summary>The version this code writes and the newest it reads.</summary>
    public static int Latest => Migrations[^1].Version;

    /// <summary>The tables whose rows record the definitions version they were computed under.</summary>
    public static readonly IReadOnlyList<string> VersionedTables = ["attributions", "metric_values"];

    /// <summary>The store's schema version (<see cref="Unversioned"/> for one written before it was recorded); of the
    /// database attached as <paramref name="schema"/> when given.</summary>
    public static int VersionOf(SqliteConnection connection, string schema = "main")
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {schema}.user_version";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Fails with one line naming <paramref name="path"/> when the store is newer than this code knows.</summary>
    /// <exception cref="NewerStoreException">The store's version is above <see cref="Latest"/>.</exception>
    public static int EnsureKnown(SqliteConnection connection, string path, string schema = "main")
    {
        var version = VersionOf(connection, schema);
        if (version > Latest)
            throw new NewerStoreException(FormattableString.Invariant(
                $"{path} has result store schema version {version}, newer than this harness knows ({Latest}); read it with the harness that wrote it or a newer one"));
        return version;
    }

    /// <summary>Brings the store to <see cref="Latest"/>: every migration above its version and the new version number,
    /// in one transaction (a store is never left half migrated). A store at the latest version is not written.</summary>
    public static void Migrate(SqliteConnection connection, string path)
    {
        if (EnsureKnown(connection, path) == Latest) return;
        // BEGIN IMMEDIATE (the default here) takes the write lock first, so a second opener waits and then sees the new version.
        using var transaction = connection.BeginTransaction();
        var version = EnsureKnown(connection, path);
        foreach (var migration in Migrations.Where(m => m.Version > version))
        {
            Execute(connection, transaction, migration.Sql);
            migration.Then?.Invoke(connection, transaction);
        }

        Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {Latest}"));
        transaction.Commit();
    }

    /// <summary>True when <paramref name="table"/> has <paramref name="column"/>.</summary>
    public static bool HasColumn(SqliteConnection connection, string table, string column, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM pragma_table_info($table) WHERE name = $column";
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$column", column);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>A store written before the definitions version existed gains the column, its rows reading as
    /// <see cref="DefinitionsVersion.BeforeVersioning"/>.</summary>
    private static void AddDefinitionsVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        foreach (var table in VersionedTables)
            if (!HasColumn(connection, table, DefinitionsVersion.Column, transaction))
                Execute(connection, transaction,
                    $"ALTER TABLE {table} ADD COLUMN {DefinitionsVersion.Column} INTEGER NOT NULL DEFAULT {DefinitionsVersion.BeforeVersioning}");
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
