using Harness.Attribution;
using Harness.Experiments.Grid;
using Harness.Experiments.Running;
using Harness.Experiments.Schema;
using Harness.Experiments.Store;
using Harness.Experiments.Yaml;

namespace Harness.Experiments.Planning;

/// <summary>
/// `harness run FILE --shard I/N`: the cells <see cref="ShardPartition"/> gives shard I of the run's latest plan, into
/// the shard's own store (RUN/shards/vV/I-of-N/results.sqlite), so no two shards ever write one store. The shard store
/// starts as a copy of the plan's run (its id, the frozen targets, and the finished cells it is to give new metrics),
/// with this worker's provenance; then the runner runs it as a resumed run restricted to the shard's cells, so a killed
/// or requeued shard continues where it stopped. Before anything runs, the worker refuses an experiment, command-line
/// overrides or harness that differ from the plan's (devices excepted: each shard has its own).
/// </summary>
public static class ShardWorker
{
    /// <summary>Runs <paramref name="shard"/>'s cells of the plan of <paramref name="spec"/> into the shard's own store; <paramref name="decorate"/> wraps each cell's attributor as in <see cref="CellExecutor"/>, and <paramref name="stop"/> ends the shard early (a rerun continues it).</summary>
    public static RunSummary Run(ExperimentSpec spec, ShardId shard, IRunObserver observer, Func<Cell, IAttributor, IAttributor>? decorate = null,
        CancellationToken stop = default) => Run(ExperimentRunner.Prepare(spec), shard, observer, decorate, stop);

    /// <summary>Shard <paramref name="shard"/> of a prepared run (validated, options bound, devices resolved once).</summary>
    public static RunSummary Run(ResolvedRun run, ShardId shard, IRunObserver observer, Func<Cell, IAttributor, IAttributor>? decorate = null,
        CancellationToken stop = default)
    {
        var spec = run.Spec;
        var (plan, planned, harness) = ReadPlan(spec);
        var cells = ShardPartition.CellsOf(plan.Cells, shard);
        var folder = plan.ShardFolder(shard);
        observer.Loading($"plan version {plan.Version}, shard {shard}: {cells.Count} of {plan.Work.Count()} cells into {folder}");

        observer.Loading("provenance (file hashes)");
        var provenance = ProvenanceCollector.Collect(spec, spec.Models.Select(ModelSession.Provenance).ToList());
        if (harness.Difference(HarnessProvenance.Of(provenance)) is { } difference)
            throw new PlanMismatchException($"shard {shard} of {plan.RunFolder}: this harness differs from the plan's ({difference}); run every shard with the build and models the plan was made with, or plan again");

        using (RunLease.Acquire(folder))
        using (var store = ResultStore.Open(folder))
        {
            var grid = GridDefinition.Of(spec);
            if (store.ExistingRun() is null)
            {
                store.BeginRun(provenance, grid, plan.RunId);
                foreach (var (model, dataset, json) in planned.Targets) store.SaveTargets(plan.RunId, model, dataset, json);
                store.RecordShard(new ShardRecord(plan.RunId, plan.Version, plan.Sha256, shard, string.Join(",", spec.Models.Select(m => m.Device).Distinct()),
                    provenance.HarnessCommit, provenance.LibtorchVersion, provenance.DotnetVersion, provenance.Machine,
                    DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
                // Finished cells that gain metrics need their stored attributions here.
                var gaining = plan.Cells.Where(c => c.Work == PlannedWork.Metrics && cells.Contains(c.CellId)).Select(c => c.CellId).ToHashSet(StringComparer.Ordinal);
                if (gaining.Count > 0) store.CopyCells(Path.Combine(plan.RunFolder, ResultStore.FileName), plan.RunId, gaining);
            }
            else
            {
                if (store.Shard() is not { } record || record.PlanSha256 != plan.Sha256 || record.Shard != shard)
                    throw new PlanMismatchException($"{folder} holds a shard of another plan than {plan.RunFolder}'s version {plan.Version}; move it away and run the shard again");
                // A requeued or restarted shard may run on another device than its first attempt: recorded as a version of the shard's store.
                if (store.LatestVersion(plan.RunId) is { } last && !last.Grid.SameAs(grid) && last.Grid.WithoutDevices().SameAs(grid.WithoutDevices()))
                    store.RecordVersion(plan.RunId, provenance with { Models = [] }, grid);
            }
        }

        return new ExperimentRunner(observer, decorate) { OnlyCells = cells }.Run(run with { Spec = spec with { Output = folder } }, resume: true, stop);
    }

    /// <summary>The run's latest plan, its frozen targets and the harness it was made with, after checking that
    /// <paramref name="spec"/> is the experiment planned (file and resolved settings, devices excepted).</summary>
    private static (RunPlan Plan, PlanInputs Inputs, HarnessProvenance Harness) ReadPlan(ExperimentSpec spec)
    {
        var run = spec.Output;
        if (!File.Exists(Path.Combine(run, ResultStore.FileName)))
            throw new PlanMismatchException($"{run} holds no plan: run `harness plan {spec.File}` (with the same options) before its shards");
        using var store = ResultStore.OpenReadOnly(run);
        var (runId, _) = store.ExistingRun() ?? throw new PlanMismatchException($"{run} holds no plan: run `harness plan {spec.File}` before its shards");
        var version = store.LatestPlanVersion(runId)
            ?? throw new PlanMismatchException($"run {runId} in {run} was never planned: run `harness plan {spec.File}` (with the same options) before its shards");
        var plan = store.Plan(run, runId, version)!;
        if (store.LatestVersion(runId) is { Version: var latest } && latest > version)
            throw new PlanMismatchException($"run {runId} in {run} has experiment version {latest}, planned only up to version {version}: run `harness plan {spec.File}` again");
        var (sha, grid, harness) = store.Version(runId, version)!.Value;

        if (ProvenanceCollector.Sha256(File.ReadAllText(spec.File)) != sha)
            throw new ExperimentException([new ExperimentError(new SourcePosition(spec.File, 1, 1),
                $"the file differs from the one planned as version {version} of {run}: plan it again (`harness plan {spec.File}`) to extend the plan, or restore the file")]);
        var mine = GridDefinition.Of(spec).WithoutDevices();
        if (!mine.SameAs(grid.WithoutDevices()))
            throw new ExperimentException([new ExperimentError(new SourcePosition(spec.File, 1, 1),
                $"the command-line options give other settings than the plan of {run} (version {version}): {string.Join("; ", grid.WithoutDevices().ChangesTo(mine).Take(3))}; pass the options `harness plan` had")]);
        return (plan, new PlanInputs(store.AllTargets(runId)), harness);
    }

    private sealed record PlanInputs(IReadOnlyList<(string Model, string Dataset, string ItemsJson)> Targets);
}
