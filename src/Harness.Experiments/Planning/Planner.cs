using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Harness.Experiments.Grid;
using Harness.Scoring;
using Harness.Experiments.Running;
using Harness.Experiments.Schema;
using Harness.Experiments.Store;

namespace Harness.Experiments.Planning;

/// <summary>
/// `harness plan FILE`: freezes what every shard of a run must agree on, in the run's store. The runner itself starts
/// (or continues) the run and freezes every model x dataset's targets, generated text included (the artefact a
/// single-process run writes before its cells, so a sharded and an unsharded run evaluate the same items); then the
/// cells of the experiment's current version are written in their stable order, each with what it still needs and the
/// dry-run's pass estimate over its frozen items. A plan, once written, is never changed: planning the same experiment
/// again returns it, and a grown experiment (resume rules: <see cref="GridGrowth"/>) becomes the run's next version,
/// whose plan leaves finished cells alone (or gives them only the metrics they lack).
/// </summary>
public static class Planner
{
    /// <summary>Plans <paramref name="spec"/> into its output folder; Created is false when this version was planned before.</summary>
    public static (RunPlan Plan, bool Created) Plan(ExperimentSpec spec, IRunObserver observer, CancellationToken stop = default) =>
        Plan(ExperimentRunner.Prepare(spec), observer, stop);

    /// <summary>Plans a prepared run (validated, options bound, devices resolved once).</summary>
    public static (RunPlan Plan, bool Created) Plan(ResolvedRun run, IRunObserver observer, CancellationToken stop = default)
    {
        var spec = run.Spec;
        new ExperimentRunner(observer) { TargetsOnly = true }.Run(run, resume: true, stop);
        stop.ThrowIfCancellationRequested();

        using var lease = RunLease.Acquire(spec.Output);
        using var store = ResultStore.Open(spec.Output);
        var (runId, _) = store.ExistingRun() ?? throw new PlanMismatchException($"{spec.Output} holds no run to plan (the experiment has no cells)");
        var version = store.LatestVersion(runId)
            ?? throw new PlanMismatchException($"run {runId} in {spec.Output} was started before runs recorded their experiment's versions: resume it once with `harness run --resume`, then plan it");
        if (store.Plan(spec.Output, runId, version.Version) is { } planned) return (planned, false);

        var cells = run.Cells;
        var finished = store.FinishedCells(runId);
        var lacking = ExperimentRunner.LackingMetrics(spec, store, runId, cells, finished);
        var items = new Dictionary<(string, string), List<EvaluationItem>>();
        List<EvaluationItem> ItemsOf(Cell c) => items.TryGetValue((c.Model.Name, c.Dataset.Name), out var list) ? list
            : items[(c.Model.Name, c.Dataset.Name)] = JsonSerializer.Deserialize<List<EvaluationItem>>(store.Targets(runId, c.Model.Name, c.Dataset.Name)
                ?? throw new InvalidOperationException($"planning froze no targets for {c.Model.Name} x {c.Dataset.Name}"))!;

        var plannedCells = cells.Select((cell, position) =>
        {
            var work = !finished.Contains(cell.Id) ? PlannedWork.Run : lacking.TryGetValue(cell.Id, out _) ? PlannedWork.Metrics : PlannedWork.Done;
            var metrics = work == PlannedWork.Metrics ? lacking[cell.Id] : [];
            var list = ItemsOf(cell);
            // The dry-run's estimate (RunCommand --dry-run), over the frozen items: their count and mean context length.
            var units = list.Count == 0 ? 0 : list.Average(i => i.ContextIds.Length);
            var perItem = work switch
            {
                PlannedWork.Run => PassEstimator.PerItem(run.Options, cell.Attributor, spec.Metrics, units),
                PlannedWork.Metrics => PassEstimator.Metrics(run.Options, cell.Attributor, metrics, units),
                _ => new PassEstimate(0, 0),
            };
            return new PlannedCell(position, cell.Id, work, perItem.Forward * list.Count, perItem.Backward * list.Count, metrics.Select(m => m.Label).ToList());
        }).ToList();

        var sha = Hash(runId, version.Version, version.ExperimentSha256, version.Grid, plannedCells, store.AllTargets(runId));
        store.SavePlan(runId, version.Version, sha, plannedCells);
        return (new RunPlan(spec.Output, runId, version.Version, sha, plannedCells), true);
    }

    /// <summary>SHA-256 of everything a plan freezes: the run, the version, its experiment and grid, the cells and the targets.</summary>
    private static string Hash(string runId, int version, string experimentSha, GridDefinition grid, IReadOnlyList<PlannedCell> cells,
        IReadOnlyList<(string Model, string Dataset, string ItemsJson)> targets)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{runId}\n{version}\n{experimentSha}\n{grid.ToJson()}\n");
        foreach (var c in cells)
            text.Append(CultureInfo.InvariantCulture, $"{c.Position} {c.CellId} {c.Work} {c.Forward:R} {c.Backward:R} {string.Join(",", c.Metrics)}\n");
        foreach (var (model, dataset, json) in targets)
            text.Append(CultureInfo.InvariantCulture, $"{model} {dataset} {ProvenanceCollector.Sha256(json)}\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
