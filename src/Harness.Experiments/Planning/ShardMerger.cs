using Harness.Experiments.Store;

namespace Harness.Experiments.Planning;

/// <summary>
/// `harness merge RUN`: folds the shard stores of the run's latest plan (RUN/shards/vV/*/results.sqlite) into
/// RUN/results.sqlite, the store that holds the plan, so the merged run is read as any other run (export, report,
/// compare). Every shard store is checked before anything is written: one of another plan (run, version or plan hash)
/// or computed by another harness (<see cref="HarnessProvenance"/>) is refused. Cells come over whole in one transaction
/// per shard (<see cref="ResultStore.CopyCells"/>), so merging again, or after more shards finished, changes only what
/// is new. The report names the plan's cells still missing (and the shards they belong to) and those that failed.
/// </summary>
public static class ShardMerger
{
    /// <summary>Merges the shard stores of <paramref name="runFolder"/>'s latest plan into its store; throws <see cref="PlanMismatchException"/> before writing anything when a shard store belongs to another plan or harness.</summary>
    public static MergeReport Merge(string runFolder)
    {
        if (!File.Exists(Path.Combine(runFolder, ResultStore.FileName)))
            throw new PlanMismatchException($"{runFolder} holds no plan ({ResultStore.FileName}): give the run folder `harness plan` wrote");
        using var lease = RunLease.Acquire(runFolder);
        using var store = ResultStore.Open(runFolder);
        var (runId, _) = store.ExistingRun() ?? throw new PlanMismatchException($"{runFolder} holds no run");
        var version = store.LatestPlanVersion(runId) ?? throw new PlanMismatchException($"run {runId} in {runFolder} was never planned (`harness plan`), so it has no shards to merge");
        var plan = store.Plan(runFolder, runId, version)!;
        var harness = store.Version(runId, version)!.Value.Harness;

        var shards = ShardStores(plan).Select(path =>
        {
            using var shard = ResultStore.OpenReadOnly(Path.GetDirectoryName(path)!);
            var record = shard.Shard() ?? throw new PlanMismatchException($"{path} is not a shard's store (it has no shard record)");
            if (record.RunId != runId || record.PlanVersion != version || record.PlanSha256 != plan.Sha256)
                throw new PlanMismatchException($"{path} is shard {record.Shard} of another plan (run {record.RunId}, version {record.PlanVersion}, plan {record.PlanSha256[..12]}), " +
                                                $"not of {runFolder}'s (run {runId}, version {version}, plan {plan.Sha256[..12]}); move it away");
            var theirs = new HarnessProvenance(record.HarnessCommit, record.LibtorchVersion, record.DotnetVersion, shard.ModelFiles(runId));
            if (harness.Difference(theirs) is { } difference)
                throw new PlanMismatchException($"{path} was computed by another harness than the plan's ({difference}); rerun that shard with the plan's build and models");
            return (Path: path, Record: record);
        }).ToList();

        var work = plan.Work.Select(c => c.CellId).ToHashSet(StringComparer.Ordinal);
        var merged = new List<(ShardRecord Shard, int Cells, int MetricValues)>();
        foreach (var (path, record) in shards)
        {
            var (cells, values) = store.CopyCells(path, runId, work);
            if (cells > 0 || values > 0) store.RecordMergedShard(record, cells);
            merged.Add((record, cells, values));
        }

        var statuses = store.CellStatuses(runId);
        var labels = store.MetricLabels(runId);
        var failed = plan.Work.Where(c => statuses.GetValueOrDefault(c.CellId).Status == "failed")
            .Select(c => (c.CellId, statuses[c.CellId].Error ?? "")).ToList();
        var missing = plan.Work.Where(c => c.Work == PlannedWork.Run
                ? !statuses.ContainsKey(c.CellId)
                : c.Metrics.Any(m => labels.GetValueOrDefault(c.CellId)?.Contains(m) != true))
            .Select(c => c.CellId).ToList();
        return new MergeReport(plan, merged, missing, failed, Owners(plan, shards.Select(s => s.Record.Shard.Count).Distinct().ToList(), missing.Concat(failed.Select(f => f.CellId))));
    }

    /// <summary>The shard stores of the plan's version, by shard count then index.</summary>
    private static IEnumerable<string> ShardStores(RunPlan plan) =>
        !Directory.Exists(plan.ShardsFolder) ? [] :
        Directory.EnumerateDirectories(plan.ShardsFolder)
            .Select(d => (Folder: d, Id: ShardId.FromFolderName(Path.GetFileName(d))))
            .Where(d => d.Id is not null && File.Exists(Path.Combine(d.Folder, ResultStore.FileName)))
            .OrderBy(d => d.Id!.Value.Count).ThenBy(d => d.Id!.Value.Index)
            .Select(d => Path.Combine(d.Folder, ResultStore.FileName));

    /// <summary>The shards to run again for the given cells, when every shard store present was of one shard count.</summary>
    private static IReadOnlyList<ShardId> Owners(RunPlan plan, IReadOnlyList<int> counts, IEnumerable<string> cells)
    {
        if (counts.Count != 1) return [];
        var assignment = ShardPartition.Assign(plan.Cells, counts[0]);
        return cells.Select(c => new ShardId(assignment[c], counts[0])).Distinct().OrderBy(s => s.Index).ToList();
    }
}
