using System.Globalization;
using Harness.Experiments.Planning;

namespace Harness.Experiments.Store;

/// <summary>
/// The plan of a run split over shards (docs/design.md, scale-out): the plan's cells in the run's store (plans,
/// plan_cells), a shard store's identity (shard), the shards merged into a run (merged_shards), and copying cells
/// between stores of one run (a shard's merge, a grown plan's finished cells given to the shard that adds metrics).
/// </summary>
public sealed partial class ResultStore
{
    private const string ShardColumns = "run_id, plan_version, plan_sha256, shard_index, shard_count, device, harness_commit, libtorch_version, dotnet_version, machine, started_utc";

    /// <summary>Freezes version <paramref name="version"/>'s plan: its hash and its cells, in one transaction.</summary>
    public void SavePlan(string runId, int version, string sha256, IReadOnlyList<PlannedCell> cells)
    {
        using var transaction = connection.BeginTransaction();
        Execute("INSERT INTO plans VALUES($run, $version, $sha, $created)", transaction,
            ("$run", runId), ("$version", version), ("$sha", sha256), ("$created", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
        foreach (var cell in cells)
            Execute("INSERT INTO plan_cells VALUES($run, $version, $position, $cell, $work, $fwd, $bwd, $metrics)", transaction,
                ("$run", runId), ("$version", version), ("$position", cell.Position), ("$cell", cell.CellId), ("$work", cell.Work.ToString()),
                ("$fwd", cell.Forward), ("$bwd", cell.Backward), ("$metrics", string.Join(",", cell.Metrics)));
        transaction.Commit();
    }

    /// <summary>The latest planned version of the run, or null when it was never planned (a store from before plans included).</summary>
    public int? LatestPlanVersion(string runId) =>
        HasTable("plans") && Query("SELECT MAX(version) AS v FROM plans WHERE run_id = $run", ("$run", runId)).Single()["v"] is long v ? (int)v : null;

    /// <summary>Version <paramref name="version"/>'s plan in <paramref name="runFolder"/>, or null when it was not planned.</summary>
    public RunPlan? Plan(string runFolder, string runId, int version)
    {
        if (!HasTable("plans")) return null;
        if (Query("SELECT plan_sha256 FROM plans WHERE run_id = $run AND version = $version", ("$run", runId), ("$version", version)).SingleOrDefault() is not { } row)
            return null;
        var cells = Query("SELECT position, cell_id, work, forward, backward, metrics FROM plan_cells WHERE run_id = $run AND version = $version ORDER BY position",
                ("$run", runId), ("$version", version))
            .Select(r => new PlannedCell((int)(long)r["position"]!, (string)r["cell_id"]!, Enum.Parse<PlannedWork>((string)r["work"]!), (double)r["forward"]!,
                (double)r["backward"]!, ((string)r["metrics"]!).Split(',', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
        return new RunPlan(runFolder, runId, version, (string)row["plan_sha256"]!, cells);
    }

    /// <summary>Every frozen target list of the run (model, dataset, the items' JSON), in model then dataset order.</summary>
    public IReadOnlyList<(string Model, string Dataset, string ItemsJson)> AllTargets(string runId) =>
        Query("SELECT model, dataset, items_json FROM targets WHERE run_id = $run ORDER BY model, dataset", ("$run", runId))
            .Select(r => ((string)r["model"]!, (string)r["dataset"]!, (string)r["items_json"]!)).ToList();

    /// <summary>Version <paramref name="version"/> of the run's experiment: its text hash, grid and the harness that recorded it.</summary>
    public (string ExperimentSha256, GridDefinition Grid, HarnessProvenance Harness)? Version(string runId, int version)
    {
        if (Query("SELECT experiment_sha256, grid_json, harness_commit, libtorch_version, dotnet_version FROM experiment_versions WHERE run_id = $run AND version = $version",
                ("$run", runId), ("$version", version)).SingleOrDefault() is not { } row)
            return null;
        return ((string)row["experiment_sha256"]!, GridDefinition.FromJson((string)row["grid_json"]!),
            new HarnessProvenance((string)row["harness_commit"]!, (string)row["libtorch_version"]!, (string)row["dotnet_version"]!, ModelFiles(runId)));
    }

    /// <summary>Per model of the run its dtype and the SHA-256 of its files, as recorded.</summary>
    public IReadOnlyDictionary<string, string> ModelFiles(string runId) =>
        Query("SELECT model, dtype, files_sha256_json FROM models WHERE run_id = $run ORDER BY model", ("$run", runId))
            .ToDictionary(r => (string)r["model"]!, r => $"{r["dtype"]} {r["files_sha256_json"]}", StringComparer.Ordinal);

    /// <summary>Marks this store as shard <paramref name="record"/> of its plan.</summary>
    public void RecordShard(ShardRecord record) =>
        Execute($"INSERT INTO shard({ShardColumns}) VALUES($run, $version, $sha, $index, $count, $device, $commit, $torch, $dotnet, $machine, $started)", null,
            ShardParameters(record));

    /// <summary>This store's shard identity, or null when it is not a shard's store.</summary>
    public ShardRecord? Shard() => HasTable("shard") ? ShardRecords("shard").SingleOrDefault() : null;

    /// <summary>The shards merged into this run so far.</summary>
    public IReadOnlyList<ShardRecord> MergedShards() => HasTable("merged_shards") ? ShardRecords("merged_shards") : [];

    private List<ShardRecord> ShardRecords(string table) =>
        Query($"SELECT {ShardColumns} FROM {table} ORDER BY shard_count, shard_index").Select(r => new ShardRecord((string)r["run_id"]!,
            (int)(long)r["plan_version"]!, (string)r["plan_sha256"]!, new ShardId((int)(long)r["shard_index"]!, (int)(long)r["shard_count"]!),
            (string)r["device"]!, (string)r["harness_commit"]!, (string)r["libtorch_version"]!, (string)r["dotnet_version"]!, (string)r["machine"]!,
            (string)r["started_utc"]!)).ToList();

    private static (string, object?)[] ShardParameters(ShardRecord r) =>
    [
        ("$run", r.RunId), ("$version", r.PlanVersion), ("$sha", r.PlanSha256), ("$index", r.Shard.Index), ("$count", r.Shard.Count), ("$device", r.Device),
        ("$commit", r.HarnessCommit), ("$torch", r.LibtorchVersion), ("$dotnet", r.DotnetVersion), ("$machine", r.Machine), ("$started", r.StartedUtc),
    ];

    /// <summary>
    /// Copies cells of run <paramref name="runId"/> from the store at <paramref name="sourcePath"/> into this one, in one
    /// transaction: a cell this store lacks, or holds as failed while the source finished it, comes over whole (status,
    /// attributions in their order, metric values); a cell finished here gains only the metric values it lacks (those a
    /// grown plan added). Copying again changes nothing. Returns the cells copied and the metric values added to finished ones.
    /// </summary>
    public (int Cells, int MetricValues) CopyCells(string sourcePath, string runId, IReadOnlySet<string> cellIds)
    {
        Execute("ATTACH DATABASE $path AS source", null, ("$path", sourcePath));
        try
        {
            // Rows are copied column for column: a source of a schema this code does not know is refused.
            StoreSchema.EnsureKnown(connection, sourcePath, "source");
            var theirs = Query("SELECT cell_id, status FROM source.cells WHERE run_id = $run ORDER BY cell_id", ("$run", runId))
                .Select(r => ((string)r["cell_id"]!, (string)r["status"]!)).Where(c => cellIds.Contains(c.Item1)).ToList();
            var mine = Query("SELECT cell_id, status FROM main.cells WHERE run_id = $run", ("$run", runId))
                .ToDictionary(r => (string)r["cell_id"]!, r => (string)r["status"]!, StringComparer.Ordinal);
            var (cells, values) = (0, 0);
            using var transaction = connection.BeginTransaction();
            foreach (var (cell, status) in theirs)
            {
                (string, object?)[] key = [("$run", runId), ("$cell", cell)];
                if (mine.GetValueOrDefault(cell) == "done")
                {
                    values += ExecuteCount("INSERT OR IGNORE INTO main.metric_values SELECT * FROM source.metric_values WHERE run_id = $run AND cell_id = $cell ORDER BY rowid", transaction, key);
                }
                else if (status == "done" || !mine.ContainsKey(cell))
                {
                    Execute("DELETE FROM main.cells WHERE run_id = $run AND cell_id = $cell", transaction, key);
                    foreach (var table in new[] { "cells", "attributions", "metric_values" })
                        Execute($"INSERT INTO main.{table} SELECT * FROM source.{table} WHERE run_id = $run AND cell_id = $cell ORDER BY rowid", transaction, key);
                    cells++;
                }
            }

            transaction.Commit();
            return (cells, values);
        }
        finally
        {
            Execute("DETACH DATABASE source");
        }
    }

    /// <summary>Records that shard <paramref name="record"/> was merged (the run's provenance of who computed its cells).</summary>
    public void RecordMergedShard(ShardRecord record, int cells) =>
        Execute($"INSERT INTO merged_shards({ShardColumns}, merged_utc, cells) VALUES($run, $version, $sha, $index, $count, $device, $commit, $torch, $dotnet, $machine, $started, $merged, $cells)",
            null, [.. ShardParameters(record), ("$merged", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)), ("$cells", cells)]);

    /// <summary>Per cell of the run its status and error.</summary>
    public IReadOnlyDictionary<string, (string Status, string? Error)> CellStatuses(string runId) =>
        Query("SELECT cell_id, status, error FROM cells WHERE run_id = $run", ("$run", runId))
            .ToDictionary(r => (string)r["cell_id"]!, r => ((string)r["status"]!, r["error"] as string), StringComparer.Ordinal);

    private int ExecuteCount(string sql, Microsoft.Data.Sqlite.SqliteTransaction transaction, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.Transaction = transaction;
        return command.ExecuteNonQuery();
    }
}
