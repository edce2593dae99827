using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Harness.Attribution.Core;
using Harness.Evaluation.Core;
using Microsoft.Data.Sqlite;

namespace Harness.Experiments.Store;

/// <summary>
/// The run's SQLite file (DESIGN.md, result store): the run's provenance, the targets chosen per
/// model x dataset, and per cell its attributions (scores as float32 blobs, cost) and metric values.
/// A cell is written in one transaction, so a killed run loses at most the cell in flight and a
/// resumed run finds exactly the cells that finished. One run per store; each version of its experiment (a resumed run's
/// grown grid) is recorded in experiment_versions, the runs row holding the latest.
/// </summary>
public sealed partial class ResultStore : IDisposable
{
    /// <summary>The store's file name in a run's output folder.</summary>
    public const string FileName = "results.sqlite";

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly SqliteConnection connection;

    private ResultStore(SqliteConnection connection) => this.connection = connection;

    /// <summary>The store file's path (RUN/results.sqlite).</summary>
    public string Path { get; private init; } = "";

    /// <summary>Opens for writing (creating when absent) the store in <paramref name="runFolder"/>, migrated to the latest
    /// schema (<see cref="StoreSchema"/>); a store newer than this code is refused.</summary>
    public static ResultStore Open(string runFolder)
    {
        Directory.CreateDirectory(runFolder);
        var path = System.IO.Path.Combine(runFolder, FileName);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        var store = new ResultStore(connection) { Path = path };
        try
        {
            // A store newer than this code is refused before anything is written to it.
            StoreSchema.EnsureKnown(connection, path);
            // WAL keeps a committed cell safe when the process is killed; NORMAL sync is durable at each commit in WAL mode
            // against process death (only an OS crash can lose the last commit).
            store.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
            StoreSchema.Migrate(connection, path);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing store for reading only: no table is created and nothing is written, so export, report
    /// and compare work on a read-only store and beside a run that is writing it.</summary>
    public static ResultStore OpenReadOnly(string runFolder)
    {
        var path = System.IO.Path.Combine(runFolder, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"{runFolder} holds no result store ({FileName})", path);
        try
        {
            return OpenReadOnly(path, immutable: false);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is CantOpen or ReadOnlyError)
        {
            // A write-ahead-log store on read-only media (a read-only folder, a shared archive): SQLite cannot create
            // its shared-memory file there, so the store is read as immutable, which needs none.
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{path} cannot be read as a result store: {e.Message}", e);
        }

        try
        {
            return OpenReadOnly(path, immutable: true);
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{path} cannot be read as a result store: {e.Message}", e);
        }
    }

    private const int CantOpen = 14, ReadOnlyError = 8;

    private static ResultStore OpenReadOnly(string path, bool immutable)
    {
        var source = immutable ? new Uri(System.IO.Path.GetFullPath(path)).AbsoluteUri + "?immutable=1" : path;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            connection.Open();
            var store = new ResultStore(connection) { Path = path, IsReadOnly = true };
            // A store without the tables is not a run's store: say so now rather than on the first query.
            if (!store.HasTable("runs")) throw new InvalidDataException($"{path} is not a harness result store (it has no runs table)");
            // Reading a store of a newer schema could misread it: refuse it, naming the file.
            StoreSchema.EnsureKnown(connection, path);
            return store;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>True when opened by <see cref="OpenReadOnly(string)"/>.</summary>
    public bool IsReadOnly { get; private init; }

    /// <summary>The distinct definitions versions of the store's result rows (empty when it holds none); a store
    /// written before the column existed reads as <see cref="DefinitionsVersion.BeforeVersioning"/>.</summary>
    public IReadOnlySet<int> DefinitionsVersions()
    {
        var versions = new SortedSet<int>();
        foreach (var table in StoreSchema.VersionedTables)
        {
            var column = HasColumn(table, DefinitionsVersion.Column) ? DefinitionsVersion.Column : DefinitionsVersion.BeforeVersioning.ToString(CultureInfo.InvariantCulture);
            foreach (var row in Query($"SELECT DISTINCT {column} AS v FROM {table}")) versions.Add(Convert.ToInt32(row["v"], CultureInfo.InvariantCulture));
        }

        return versions;
    }

    /// <summary>The SQL expression that reads a row's definitions version from <paramref name="alias"/> (a constant for old stores).</summary>
    internal string DefinitionsVersionColumn(string table, string alias) =>
        HasColumn(table, DefinitionsVersion.Column) ? $"{alias}.{DefinitionsVersion.Column}" : DefinitionsVersion.BeforeVersioning.ToString(CultureInfo.InvariantCulture);

    private bool HasTable(string table) =>
        Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = $t", ("$t", table)).Any();

    private bool HasColumn(string table, string column) => StoreSchema.HasColumn(connection, table, column);

    /// <summary>The run this store holds, or null when it holds none yet.</summary>
    public (string RunId, string ExperimentSha256)? ExistingRun()
    {
        using var command = Command("SELECT run_id, experiment_sha256 FROM runs LIMIT 1");
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>Starts the store's run; with <paramref name="grid"/>, records the experiment as its version 1.</summary>
    /// <param name="runId">A new id when null; a shard's store takes its plan's (<see cref="Planning.ShardWorker"/>).</param>
    public string BeginRun(RunProvenance provenance, GridDefinition? grid = null, string? runId = null)
    {
        runId ??= $"{DateTime.UtcNow:yyyyMMddTHHmmssZ}-{provenance.ExperimentSha256[..8]}";
        using var transaction = connection.BeginTransaction();
        Execute("""
            INSERT INTO runs VALUES($run, $name, $file, $sha, $text, $commit, $torch, $dotnet, $machine, $started)
            """, transaction, ("$run", runId), ("$name", provenance.Name), ("$file", provenance.ExperimentFile), ("$sha", provenance.ExperimentSha256),
            ("$text", provenance.ExperimentText), ("$commit", provenance.HarnessCommit), ("$torch", provenance.LibtorchVersion),
            ("$dotnet", provenance.DotnetVersion), ("$machine", provenance.Machine), ("$started", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
        foreach (var model in provenance.Models) InsertModel(runId, model, transaction);
        if (grid is not null) InsertVersion(runId, 1, provenance, grid, transaction);
        transaction.Commit();
        return runId;
    }

    private void InsertModel(string runId, ModelProvenance model, SqliteTransaction? transaction) =>
        Execute("INSERT INTO models VALUES($run, $model, $folder, $dtype, $device, $files)", transaction,
            ("$run", runId), ("$model", model.Name), ("$folder", model.Folder), ("$dtype", model.DType), ("$device", model.Device),
            ("$files", JsonSerializer.Serialize(model.FileSha256)));

    private void InsertVersion(string runId, int version, RunProvenance provenance, GridDefinition grid, SqliteTransaction? transaction) =>
        Execute("INSERT INTO experiment_versions VALUES($run, $version, $file, $sha, $text, $grid, $commit, $torch, $dotnet, $machine, $started)", transaction,
            ("$run", runId), ("$version", version), ("$file", provenance.ExperimentFile), ("$sha", provenance.ExperimentSha256), ("$text", provenance.ExperimentText),
            ("$grid", grid.ToJson()), ("$commit", provenance.HarnessCommit), ("$torch", provenance.LibtorchVersion), ("$dotnet", provenance.DotnetVersion),
            ("$machine", provenance.Machine), ("$started", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)));

    /// <summary>The latest recorded version of the run's experiment: its number, text hash and grid; null for a run started
    /// before versions were recorded.</summary>
    public (int Version, string ExperimentSha256, GridDefinition Grid)? LatestVersion(string runId)
    {
        using var command = Command("SELECT version, experiment_sha256, grid_json FROM experiment_versions WHERE run_id = $run ORDER BY version DESC LIMIT 1", ("$run", runId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt32(0), reader.GetString(1), GridDefinition.FromJson(reader.GetString(2))) : null;
    }

    /// <summary>Records a new version of the run's experiment (a resumed run's grown or edited file, and the harness that
    /// continues it), and makes it the run's experiment in the runs row, which readers show; earlier versions stay in
    /// experiment_versions. Models new to the run get their provenance rows.</summary>
    public int RecordVersion(string runId, RunProvenance provenance, GridDefinition grid)
    {
        using var transaction = connection.BeginTransaction();
        using var last = Command("SELECT COALESCE(MAX(version), 0) FROM experiment_versions WHERE run_id = $run", ("$run", runId));
        last.Transaction = transaction;
        var version = Convert.ToInt32(last.ExecuteScalar(), CultureInfo.InvariantCulture) + 1;
        InsertVersion(runId, version, provenance, grid, transaction);
        Execute("UPDATE runs SET experiment_file = $file, experiment_sha256 = $sha, experiment_text = $text WHERE run_id = $run", transaction,
            ("$run", runId), ("$file", provenance.ExperimentFile), ("$sha", provenance.ExperimentSha256), ("$text", provenance.ExperimentText));
        foreach (var model in provenance.Models) InsertModel(runId, model, transaction);
        transaction.Commit();
        return version;
    }

    /// <summary>The names of the models with provenance rows.</summary>
    public IReadOnlySet<string> ModelNames(string runId) =>
        Query("SELECT model FROM models WHERE run_id = $run", ("$run", runId)).Select(r => (string)r["model"]!).ToHashSet(StringComparer.Ordinal);

    /// <summary>The targets chosen for a model x dataset, as the JSON the runner wrote, or null.</summary>
    public string? Targets(string runId, string model, string dataset)
    {
        using var command = Command("SELECT items_json FROM targets WHERE run_id = $run AND model = $model AND dataset = $dataset",
            ("$run", runId), ("$model", model), ("$dataset", dataset));
        return command.ExecuteScalar() as string;
    }

    /// <summary>Freezes the targets of <paramref name="model"/> x <paramref name="dataset"/> (the items as JSON) for the run, so a resumed run evaluates the same items.</summary>
    public void SaveTargets(string runId, string model, string dataset, string itemsJson) =>
        Execute("INSERT OR REPLACE INTO targets VALUES($run, $model, $dataset, $items)", null,
            ("$run", runId), ("$model", model), ("$dataset", dataset), ("$items", itemsJson));

    /// <summary>Ids of the cells that finished without error (resume skips them; failed cells run again).</summary>
    public IReadOnlySet<string> FinishedCells(string runId)
    {
        using var command = Command("SELECT cell_id FROM cells WHERE run_id = $run AND status = 'done'", ("$run", runId));
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>What a resumed run's experiment must still describe (<see cref="Running.GridGrowth"/>).</summary>
    public Running.GridGrowth.StoredWork Work(string runId) => new(
        Query("SELECT cell_id, model, dataset, attributor, seed FROM cells WHERE run_id = $run AND status = 'done'", ("$run", runId))
            .Select(r => new Running.GridGrowth.StoredCell((string)r["cell_id"]!, (string)r["model"]!, (string)r["dataset"]!, (string)r["attributor"]!, unchecked((ulong)(long)r["seed"]!)))
            .ToList(),
        Query("SELECT model, dataset FROM targets WHERE run_id = $run", ("$run", runId)).Select(r => ((string)r["model"]!, (string)r["dataset"]!)).ToList(),
        Query("SELECT DISTINCT m.metric, c.dataset FROM metric_values m JOIN cells c ON c.run_id = m.run_id AND c.cell_id = m.cell_id WHERE m.run_id = $run", ("$run", runId))
            .Select(r => ((string)r["metric"]!, (string)r["dataset"]!)).ToList());

    /// <summary>Ids of the cells that failed (resume runs them again).</summary>
    public IReadOnlySet<string> FailedCells(string runId) =>
        Query("SELECT cell_id FROM cells WHERE run_id = $run AND status = 'failed'", ("$run", runId)).Select(r => (string)r["cell_id"]!).ToHashSet(StringComparer.Ordinal);

    /// <summary>Deletes cells (with whatever they hold) in one transaction.</summary>
    public void DeleteCells(string runId, IEnumerable<string> cellIds)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var id in cellIds) Execute("DELETE FROM cells WHERE run_id = $run AND cell_id = $cell", transaction, ("$run", runId), ("$cell", id));
        transaction.Commit();
    }

    /// <summary>The metric labels with stored values, per cell.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> MetricLabels(string runId) =>
        Query("SELECT DISTINCT cell_id, metric FROM metric_values WHERE run_id = $run", ("$run", runId))
            .GroupBy(r => (string)r["cell_id"]!, r => (string)r["metric"]!)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Ids of the cells holding attributions.</summary>
    public IReadOnlySet<string> AttributedCells(string runId) =>
        Query("SELECT DISTINCT cell_id FROM attributions WHERE run_id = $run", ("$run", runId)).Select(r => (string)r["cell_id"]!).ToHashSet(StringComparer.Ordinal);

    /// <summary>A cell's stored scores by example id and step.</summary>
    public IReadOnlyList<(string ExampleId, int Step, float[] Scores)> StoredScores(string runId, string cellId) =>
        Query("SELECT example_id, step, scores FROM attributions WHERE run_id = $run AND cell_id = $cell ORDER BY rowid", ("$run", runId), ("$cell", cellId))
            .Select(r => ((string)r["example_id"]!, (int)(long)r["step"]!, Scores((byte[])r["scores"]!))).ToList();

    /// <summary>Adds metric values to a finished cell's attributions in one transaction (metrics added to the experiment after it ran).</summary>
    public void AddMetricValues(string runId, string cellId, IReadOnlyList<(string ExampleId, int Step, StoredMetricValue Value)> values)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var (example, step, value) in values) InsertMetricValue(runId, cellId, example, step, value, transaction);
        transaction.Commit();
    }

    /// <summary>Writes one cell and everything it produced in one transaction (replacing an earlier failed attempt).</summary>
    public void WriteCell(string runId, CellOutcome outcome)
    {
        var cell = outcome.Cell;
        using var transaction = connection.BeginTransaction();
        Execute("DELETE FROM cells WHERE run_id = $run AND cell_id = $cell", transaction, ("$run", runId), ("$cell", cell.Id));
        Execute("INSERT INTO cells VALUES($run, $cell, $model, $dataset, $label, $name, $options, $seed, $status, $error, $wall, $finished)", transaction,
            ("$run", runId), ("$cell", cell.Id), ("$model", cell.Model.Name), ("$dataset", cell.Dataset.Name), ("$label", cell.Attributor.Label),
            ("$name", cell.Attributor.Name), ("$options", JsonSerializer.Serialize(cell.Attributor.Options)), ("$seed", (long)cell.Seed),
            ("$status", outcome.Failed ? "failed" : "done"), ("$error", outcome.Error), ("$wall", outcome.WallMilliseconds),
            ("$finished", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
        foreach (var a in outcome.Attributions)
        {
            Execute("INSERT INTO attributions VALUES($run, $cell, $example, $step, $target, $scores, $wall, $fwd, $bwd, $tokens, $peak, $device, $dtype, $diag, $version)", transaction,
                ("$run", runId), ("$cell", cell.Id), ("$example", a.ExampleId), ("$step", a.Step), ("$target", JsonSerializer.Serialize(a.TargetIds)),
                ("$scores", MemoryMarshal.AsBytes(a.Scores.AsSpan()).ToArray()), ("$wall", a.Cost.WallTime.TotalMilliseconds),
                ("$fwd", a.Cost.ForwardPasses), ("$bwd", a.Cost.BackwardPasses), ("$tokens", a.Cost.TokensProcessed), ("$peak", a.Cost.PeakMemoryBytes),
                ("$device", a.Cost.Device), ("$dtype", a.Cost.DType), ("$diag", JsonSerializer.Serialize(a.Diagnostics, Json)), ("$version", DefinitionsVersion.Current));
            foreach (var m in a.Metrics) InsertMetricValue(runId, cell.Id, a.ExampleId, a.Step, m, transaction);
        }

        transaction.Commit();
    }

    private void InsertMetricValue(string runId, string cellId, string exampleId, int step, StoredMetricValue m, SqliteTransaction transaction) =>
        Execute("INSERT INTO metric_values VALUES($run, $cell, $example, $step, $label, $name, $options, $value, $parts, $flags, $fwd, $wall, $version)", transaction,
            ("$run", runId), ("$cell", cellId), ("$example", exampleId), ("$step", step), ("$label", m.Label), ("$name", m.Metric),
            ("$options", JsonSerializer.Serialize(m.Options)), ("$value", double.IsFinite(m.Value) ? m.Value : null),
            ("$parts", JsonSerializer.Serialize(m.Parts, Json)), ("$flags", MetricFlag.Format(m.Flags)), ("$fwd", m.ForwardPasses), ("$wall", m.WallMilliseconds), ("$version", DefinitionsVersion.Current));

    /// <summary>Runs a query of the store's own readers (and of tests): each row as column name -> value.</summary>
    internal IEnumerable<IReadOnlyDictionary<string, object?>> Query(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            yield return row;
        }
    }

    /// <summary>float32 scores from their stored little-endian bytes.</summary>
    public static float[] Scores(byte[] blob) => MemoryMarshal.Cast<byte, float>(blob).ToArray();

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private void Execute(string sql, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    /// <summary>Closes the store's connection.</summary>
    public void Dispose()
    {
        connection.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
