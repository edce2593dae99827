using System.Text.Json;
using Harness.Attribution;
using Harness.Evaluation.Core;
using Harness.Experiments.Grid;
using Harness.Experiments.Schema;
using Harness.Experiments.Store;
using Harness.Experiments.Validation;
using Harness.Experiments.Yaml;
using Harness.Models;

namespace Harness.Experiments.Running;

/// <summary>
/// Runs an experiment top to bottom (DESIGN.md, data flow): validate -> open the run's store -> for
/// each model: load once -> for each dataset: choose the targets once (or take them from the store
/// when resuming) -> for each seed and attributor: run the cell, all metrics inside it, and commit it
/// in one transaction. A failing cell is recorded with its error and the run goes on; a stop request
/// (Ctrl-C) ends the run after the cell in flight; `resume` skips the cells already finished, and runs only what a grown
/// experiment adds: its new cells, and the metrics finished cells lack, computed on their stored attributions.
/// </summary>
/// <param name="createAttributor">Passed to <see cref="CellExecutor"/>; the registry when null.</param>
public sealed class ExperimentRunner(IRunObserver observer, Func<Cell, AttributorResources, IAttributor>? createAttributor = null)
{
    /// <summary>A shard's cells (<see cref="Planning.ShardWorker"/>): only these of the grid run; null runs them all.</summary>
    public IReadOnlySet<string>? OnlyCells { get; init; }

    /// <summary>Planning (<see cref="Planning.Planner"/>): start or continue the run and freeze every model x dataset's
    /// targets, loading only the models whose targets are not yet frozen, and run no cell.</summary>
    public bool TargetsOnly { get; init; }

    public RunSummary Run(ExperimentSpec spec, bool resume, CancellationToken stop = default)
    {
        ExperimentValidator.EnsureValid(spec);
        var cells = GridExpander.Cells(spec).Where(c => OnlyCells?.Contains(c.Id) != false).ToList();
        // One writer per store: a second run (or a second --resume) fails here, naming the holder.
        using var lease = RunLease.Acquire(spec.Output);
        using var store = ResultStore.Open(spec.Output);
        var grid = GridDefinition.Of(spec);
        var existing = store.ExistingRun();
        string? runId = null;
        if (existing is { } run)
        {
            if (!resume)
                Fail(spec, $"{spec.Output} already holds run {run.RunId}; resume it with --resume, or set another 'output'");
            if (store.DefinitionsVersions().FirstOrDefault(v => v != DefinitionsVersion.Current) is var old and > 0)
                Fail(spec, $"run {run.RunId} in {spec.Output} was computed under definitions version {old}; this harness computes version " +
                           $"{DefinitionsVersion.Current}, so resuming would mix them: set another 'output' for a new run");
            runId = run.RunId;
            Continue(spec, store, runId, run.ExperimentSha256, grid, cells);
        }

        var finished = runId is null ? new HashSet<string>() : store.FinishedCells(runId);
        var todo = cells.Where(c => !finished.Contains(c.Id)).ToList();
        var lacking = runId is null ? new Dictionary<string, IReadOnlyList<MetricSpec>>() : LackingMetrics(spec, store, runId, cells, finished);
        var ran = new List<CellSummary>();
        var added = new List<AddedMetrics>();
        var executor = new CellExecutor(spec, createAttributor);
        foreach (var modelGroup in cells.Where(c => TargetsOnly || !finished.Contains(c.Id) || lacking.ContainsKey(c.Id)).GroupBy(c => c.Model.Name))
        {
            if (stop.IsCancellationRequested) break;
            var modelSpec = modelGroup.First().Model;
            if (TargetsOnly && runId is not null && modelGroup.Select(c => c.Dataset.Name).Distinct().All(d => store.Targets(runId, modelSpec.Name, d) is not null)) continue;
            observer.Loading($"model {modelSpec.Name}");
            using var session = ModelSession.Load(modelSpec);
            if (runId is null)
            {
                observer.Loading("provenance (file hashes)");
                runId = store.BeginRun(ProvenanceCollector.Collect(spec, spec.Models.Select(ModelSession.Provenance).ToList()), grid);
                observer.RunStarted(runId, cells.Count, 0);
            }
            else if (ran.Count == 0 && added.Count == 0)
            {
                observer.RunStarted(runId, cells.Count, finished.Count);
            }

            // Every dataset's targets (generated responses and predicted labels included) are chosen and frozen in the
            // store before any of this model's cells runs, so a resumed or sharded run evaluates the same items.
            var frozen = new Dictionary<string, IReadOnlyList<EvaluationItem>>(StringComparer.Ordinal);
            foreach (var dataset in modelGroup.Select(c => c.Dataset).DistinctBy(d => d.Name))
            {
                frozen[dataset.Name] = Targets(spec, store, runId, session, dataset);
                EnsureWithinContext(spec, session, dataset, frozen[dataset.Name]);
            }

            if (TargetsOnly) continue;

            foreach (var datasetGroup in modelGroup.GroupBy(c => c.Dataset.Name))
            {
                if (stop.IsCancellationRequested) break;
                var items = frozen[datasetGroup.Key];
                foreach (var seedGroup in datasetGroup.GroupBy(c => c.Seed))
                {
                    // One memo per example for every attributor of this model x dataset x seed.
                    var memos = new Dictionary<string, ExampleMemo>(StringComparer.Ordinal);
                    ExampleMemo MemoFor(EvaluationItem item) => memos.TryGetValue(item.Key, out var m) ? m : memos[item.Key] = new ExampleMemo();
                    foreach (var cell in seedGroup)
                    {
                        if (stop.IsCancellationRequested) break;
                        if (finished.Contains(cell.Id))
                        {
                            // A finished cell of a grown experiment: only the metrics it lacks, on its stored scores.
                            var metrics = lacking[cell.Id];
                            observer.Loading($"{string.Join(", ", metrics.Select(m => m.Label))} for finished cell {cell.Id}");
                            var result = executor.AddMetrics(cell, session, items, store.StoredScores(runId, cell.Id), metrics, MemoFor);
                            if (result.Error is null) store.AddMetricValues(runId, cell.Id, result.Values);
                            added.Add(new AddedMetrics(cell, metrics.Select(m => m.Label).ToList(), result.Error));
                            continue;
                        }

                        observer.CellStarted(cell, items.Count);
                        var outcome = executor.Run(cell, session, items, MemoFor, done => observer.ItemFinished(cell, done, items.Count));
                        store.WriteCell(runId, outcome);
                        ran.Add(CellSummary.Of(outcome));
                        observer.CellFinished(outcome);
                    }
                }
            }
        }

        if (runId is null) runId = existing?.RunId ?? "";
        return new RunSummary(runId, store.Path, ran, finished.Count, todo.Count - ran.Count, stop.IsCancellationRequested && ran.Count < todo.Count)
        {
            MetricsAdded = added,
        };
    }

    /// <summary>
    /// Resuming: refuses an experiment whose changes alter finished work (<see cref="GridGrowth"/>), drops failed cells the
    /// grid no longer has (they hold an error, no results), and records an edited or grown experiment as the run's next
    /// version. A run from before versions were recorded must resume with the file it started with.
    /// </summary>
    private static void Continue(ExperimentSpec spec, ResultStore store, string runId, string startedSha, GridDefinition grid, IReadOnlyList<Cell> cells)
    {
        var sha = ProvenanceCollector.Sha256(File.ReadAllText(spec.File));
        var latest = store.LatestVersion(runId);
        if (latest is null && startedSha != sha)
            Fail(spec, $"the experiment file changed since run {runId} started in {spec.Output}, which was written before a resumed run could grow its grid: " +
                       "resume it once with the file it started with, or set another 'output' for a new run");
        if (latest is { } stored && GridGrowth.Problems(spec, stored.Grid, store.Work(runId), runId) is { Count: > 0 } problems)
            throw new ExperimentException(problems);

        var ids = cells.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        store.DeleteCells(runId, store.FailedCells(runId).Where(id => !ids.Contains(id)));
        if (latest is { } last && last.ExperimentSha256 == sha && last.Grid.SameAs(grid)) return;
        var known = store.ModelNames(runId);
        store.RecordVersion(runId, ProvenanceCollector.Collect(spec, spec.Models.Where(m => !known.Contains(m.Name)).Select(ModelSession.Provenance).ToList()), grid);
    }

    /// <summary>The metrics each finished cell lacks: those that apply to it now and have no value in it (added to the
    /// experiment, or to the metric's datasets, after it ran). A cell without attributions has nothing to compute them on.</summary>
    internal static Dictionary<string, IReadOnlyList<MetricSpec>> LackingMetrics(ExperimentSpec spec, ResultStore store, string runId, IReadOnlyList<Cell> cells, IReadOnlySet<string> finished)
    {
        var labels = store.MetricLabels(runId);
        var attributed = store.AttributedCells(runId);
        var lacking = new Dictionary<string, IReadOnlyList<MetricSpec>>(StringComparer.Ordinal);
        foreach (var cell in cells.Where(c => finished.Contains(c.Id) && attributed.Contains(c.Id)))
            if (spec.Metrics.Where(m => m.AppliesTo(cell.Dataset.Name) && labels.GetValueOrDefault(cell.Id)?.Contains(m.Label) != true).ToList() is { Count: > 0 } metrics)
                lacking[cell.Id] = metrics;
        return lacking;
    }

    /// <summary>The items of a model x dataset: from the store when an earlier attempt chose them, else chosen now and stored.</summary>
    private IReadOnlyList<EvaluationItem> Targets(ExperimentSpec spec, ResultStore store, string runId, ModelSession session, DatasetSpec dataset)
    {
        if (store.Targets(runId, session.Spec.Name, dataset.Name) is { } json)
            return JsonSerializer.Deserialize<List<EvaluationItem>>(json)!;
        observer.Loading($"targets of {dataset.Name} for {session.Spec.Name}");
        var chat = ChatTemplateFor(spec, session, dataset);
        var items = new List<EvaluationItem>();
        var skipped = 0;
        foreach (var example in DatasetLoader.Load(dataset))
        {
            IReadOnlyList<EvaluationItem> built;
            try
            {
                built = ItemBuilder.Build(example, dataset, session.Model, session.Tokenizer, session.EosIds, chat);
            }
            catch (ContextLengthException) when (dataset.TooLong == TooLongPolicy.Skip)
            {
                skipped++;
                continue;
            }
            catch (InvalidOperationException e)
            {
                Fail(spec, $"dataset '{dataset.Name}', model '{session.Spec.Name}': {e.Message}");
                throw; // Fail always throws; the compiler cannot see it
            }
            if (dataset.TooLong == TooLongPolicy.Skip && session.Model.MaxPositions is { } limit && built.Any(i => PositionsNeeded(i) > limit))
            {
                skipped++;
                continue;
            }
            items.AddRange(built);
        }
        if (skipped > 0)
            observer.Loading($"{dataset.Name}: skipped {skipped} example(s) longer than model {session.Spec.Name} can embed ({session.Model.MaxPositions} positions; too_long: skip)");
        store.SaveTargets(runId, session.Spec.Name, dataset.Name, JsonSerializer.Serialize(items));
        return items;
    }

    /// <summary>The chat template a dataset's prompts go through for a model: the model's when `chat` is true or unset
    /// and the model has one; `chat: true` on a model without one fails naming both.</summary>
    private static Harness.Models.Chat.ChatTemplate? ChatTemplateFor(ExperimentSpec spec, ModelSession session, DatasetSpec dataset)
    {
        if (dataset.Chat == false) return null;
        Harness.Models.Chat.ChatTemplate? template = null;
        try
        {
            template = session.ChatTemplate;
        }
        catch (FormatException e)
        {
            Fail(spec, $"model '{session.Spec.Name}': {e.Message}");
        }
        if (template is null && dataset.Chat == true)
            Fail(spec, $"dataset '{dataset.Name}' asks for chat: true, but model '{session.Spec.Name}' has no chat_template in {System.IO.Path.Combine(session.Folder, "tokenizer_config.json")}");
        return template;
    }

    /// <summary>Refuses, before any of the dataset's cells runs, an item longer than the model can embed (context plus
    /// the target tokens fed back), naming the example and the limit.</summary>
    private static void EnsureWithinContext(ExperimentSpec spec, ModelSession session, DatasetSpec dataset, IReadOnlyList<EvaluationItem> items)
    {
        if (session.Model.MaxPositions is not { } limit || dataset.TooLong == TooLongPolicy.Skip) return;
        if (items.FirstOrDefault(i => PositionsNeeded(i) > limit) is { } item)
            Fail(spec, $"dataset '{dataset.Name}': example {item.ExampleId} needs {PositionsNeeded(item)} positions, " +
                       $"more than model '{session.Spec.Name}' can embed ({limit}); shorten the examples (a reader's template, max_new_tokens) or drop them");
    }

    /// <summary>The positions an item embeds: its context plus the target tokens fed back (all but the last).</summary>
    private static int PositionsNeeded(EvaluationItem item) => item.ContextIds.Length + item.TargetIds.Length - 1;

    private static void Fail(ExperimentSpec spec, string message) =>
        throw new ExperimentException([new ExperimentError(new SourcePosition(spec.File, 1, 1), message)]);
}
