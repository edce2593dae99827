using System.Text.Json;
using Harness.Attribution;
using Harness.Evaluation.Core;
using Harness.Experiments.Grid;
using Harness.Experiments.Schema;
using Harness.Experiments.Store;
using Harness.Experiments.Validation;
using Harness.Experiments.Yaml;
using Harness.Models;
using Harness.Models.Tokenization;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Experiments.Running;

/// <summary>
/// `harness run`, top to bottom (docs/ARCHITECTURE.md, "One run, top to bottom"). Before any model loads, each step once
/// (<see cref="Prepare(string, Func{ExperimentSpec, ExperimentSpec}?)"/>): read the file and apply the command line's
/// overrides, validate, bind every attributor's and metric's options, resolve every model's device: a
/// <see cref="ResolvedRun"/> that the dry-run's <see cref="Estimate"/>, the memory check <see cref="EnsureFits"/> and the
/// cells all read. Then <see cref="Run(ResolvedRun, bool, CancellationToken)"/>: open the run's store (one writer, the run
/// lease), start or continue the run, and per model: load it once, freeze every dataset's targets, run its cells (every
/// metric inside each) and write each cell in one transaction.
/// A failing cell is recorded with its error and the run goes on. Cancelling the token (Ctrl-C) stops within the item,
/// pass or example in flight: that cell is dropped, never half written, and `resume` runs it again. `resume` skips the
/// cells already finished and runs only what a grown experiment adds: its new cells, and the metrics finished cells
/// lack, computed on their stored attributions.
/// </summary>
/// <param name="decorate">Wraps each cell's attributor (made from its bound options): `harness run` listens to its
/// progress, a test substitutes one that fails on purpose; as made when null.</param>
public sealed class ExperimentRunner(IRunObserver observer, Func<Cell, IAttributor, IAttributor>? decorate = null)
{
    /// <summary>A shard's cells (<see cref="Planning.ShardWorker"/>): only these of the grid run; null runs them all.</summary>
    public IReadOnlySet<string>? OnlyCells { get; init; }

    /// <summary>Planning (<see cref="Planning.Planner"/>): start or continue the run and freeze every model x dataset's
    /// targets, loading only the models whose targets are not yet frozen, and run no cell.</summary>
    public bool TargetsOnly { get; init; }

    // ---- Before any model loads: read, validate, bind, resolve devices (each once) ---------------------------------

    /// <summary>Reads <paramref name="file"/> with <paramref name="adjust"/> (command-line overrides) applied, then
    /// validates it, binds its options and resolves its devices; every problem of the file in one <see cref="ExperimentException"/>.</summary>
    public static ResolvedRun Prepare(string file, Func<ExperimentSpec, ExperimentSpec>? adjust = null)
    {
        var (spec, options) = ExperimentValidator.LoadBound(file, adjust);
        return Resolve(spec, options);
    }

    /// <summary>An experiment already read: validated, its options bound and its devices resolved.</summary>
    public static ResolvedRun Prepare(ExperimentSpec spec)
    {
        var options = BoundOptions.Of(spec);
        ExperimentValidator.EnsureValid(spec, options);
        return Resolve(spec, options);
    }

    private static ResolvedRun Resolve(ExperimentSpec spec, BoundOptions options) =>
        new(spec, GridExpander.Cells(spec), options, ResolveDevices(spec));

    /// <summary>Every model's device, parsed once (the validator checked that CUDA is there when asked for).</summary>
    private static IReadOnlyDictionary<string, Device> ResolveDevices(ExperimentSpec spec) =>
        spec.Models.ToDictionary(m => m.Name, m => Device.Parse(m.Device), StringComparer.Ordinal);

    /// <summary>`--dry-run`: per cell its item count and the passes an item is expected to need, without loading a model
    /// (items and mean context length come from the data and the model's tokenizer), and every model's peak memory.</summary>
    public static DryRunEstimate Estimate(ResolvedRun run)
    {
        var cells = new List<EstimatedCell>();
        foreach (var group in run.Cells.GroupBy(c => (c.Model.Name, c.Dataset.Name)))
        {
            var dataset = group.First().Dataset;
            var tokenizer = TokenizerOf(group.First().Model);
            var examples = DatasetLoader.Load(dataset);
            var steps = dataset.Target == TargetMode.Sequence ? (dataset.MaxNewTokens + dataset.Stride - 1) / dataset.Stride : 1;
            var units = examples.Count == 0 ? 0 : examples.Average(e => PromptLength(e, tokenizer));
            foreach (var cell in group)
                cells.Add(new EstimatedCell(cell.Id, examples.Count * steps, run.Options.Attributor(cell.Attributor).Passes(units),
                    PassEstimator.Metrics(run.Options, cell.Attributor, run.Spec.Metrics, units)));
        }

        return new DryRunEstimate(cells, Footprints(run));
    }

    /// <summary>Per model the estimated peak memory at the longest context of its datasets (tokenized, nothing loaded).</summary>
    public static IReadOnlyList<MemoryEstimate> Footprints(ResolvedRun run) =>
        run.Spec.Models.Select(model =>
        {
            var tokenizer = TokenizerOf(model);
            var longest = run.Spec.Datasets.Select(d => LongestContext(d, tokenizer)).DefaultIfEmpty(1).Max();
            // Each distinct re-initialised copy that a metric asks for (model_randomization) stays loaded beside the model.
            var copies = run.Spec.Metrics.Select(m => run.Options.Metric(m)).Where(m => m.Descriptor.RepeatsAttribution)
                .Select(m => System.Text.Json.JsonSerializer.Serialize(m.Options)).Distinct(StringComparer.Ordinal).Count();
            return MemoryEstimate.Of(model, run.Spec.BatchSize, longest, 1 + copies);
        }).ToList();

    /// <summary>Refuses (<see cref="MemoryBudgetException"/>) a model whose estimated peak exceeds what its device has: the
    /// host's available memory on the CPU, the GPU's free memory (NVML) on CUDA, when either can be read.</summary>
    public static void EnsureFits(ResolvedRun run, IReadOnlyList<MemoryEstimate> footprints)
    {
        foreach (var estimate in footprints)
        {
            var device = run.Devices[estimate.Model];
            var (available, where) = device.type == DeviceType.CUDA
                ? (DeviceMemory.FreeGpuBytes(Math.Max(0, (int)device.index)), $"GPU cuda:{Math.Max(0, (int)device.index)} has free")
                : (DeviceMemory.HostAvailableBytes(), "this host has available");
            if (available is { } bytes && estimate.PeakBytes > bytes)
                throw new MemoryBudgetException($"{estimate}, above the {MemoryEstimate.Gib(bytes)} {where}; " +
                                                "lower batch_size or the sizes, or pass --force to start anyway");
        }
    }

    private static Tokenizer TokenizerOf(ModelSpec model) => Tokenizer.FromFile(Path.Combine(ModelLocator.Resolve(model.Path), "tokenizer.json"));

    private static int LongestContext(DatasetSpec dataset, Tokenizer tokenizer)
    {
        var examples = DatasetLoader.Load(dataset);
        var generated = dataset.Target == TargetMode.Sequence ? dataset.MaxNewTokens : 1;
        return examples.Count == 0 ? 1 : examples.Max(e => PromptLength(e, tokenizer)) + generated;
    }

    /// <summary>Tokens of an example's prompt: its ids when pre-tokenized, else its text encoded.</summary>
    private static int PromptLength(Harness.Data.Examples.Example example, Tokenizer tokenizer) =>
        example.PromptIds?.Count ?? tokenizer.Encode(example.Prompt, addSpecialTokens: true).Count;

    // ---- The run: store, then per model its targets and its cells ---------------------------------------------------

    /// <summary>Prepares <paramref name="spec"/> (<see cref="Prepare(ExperimentSpec)"/>) and runs it.</summary>
    public RunSummary Run(ExperimentSpec spec, bool resume, CancellationToken stop = default) => Run(Prepare(spec), resume, stop);

    /// <summary>Runs a prepared run into its store under the store's lease: a new run, or with <paramref name="resume"/> the one stored there continued (finished cells skipped, metrics a grown grid added computed for them); <paramref name="stop"/> ends it early, the cell in flight dropped to run again on resume.</summary>
    public RunSummary Run(ResolvedRun run, bool resume, CancellationToken stop = default)
    {
        var spec = run.Spec;
        var cells = run.Cells.Where(c => OnlyCells?.Contains(c.Id) != false).ToList();
        // One writer per store: a second run (or a second --resume) fails here, naming the holder.
        using var lease = RunLease.Acquire(spec.Output);
        using var store = ResultStore.Open(spec.Output);
        var grid = GridDefinition.Of(spec);
        var existing = store.ExistingRun();
        var state = new RunState(existing is { } started ? Continue(spec, store, started, resume, grid, cells) : null);
        var finished = state.RunId is null ? new HashSet<string>() : store.FinishedCells(state.RunId);
        var todo = cells.Where(c => !finished.Contains(c.Id)).ToList();
        var lacking = state.RunId is null ? new Dictionary<string, IReadOnlyList<MetricSpec>>() : LackingMetrics(spec, store, state.RunId, cells, finished);
        var executor = new CellExecutor(spec, run.Options, decorate);
        try
        {
            foreach (var modelGroup in cells.Where(c => TargetsOnly || !finished.Contains(c.Id) || lacking.ContainsKey(c.Id)).GroupBy(c => c.Model.Name))
            {
                stop.ThrowIfCancellationRequested();
                var modelSpec = modelGroup.First().Model;
                if (TargetsOnly && state.RunId is { } id && modelGroup.Select(c => c.Dataset.Name).Distinct().All(d => store.Targets(id, modelSpec.Name, d) is not null)) continue;
                observer.Loading($"model {modelSpec.Name}");
                using var session = ModelSession.Load(modelSpec, run.Devices[modelSpec.Name]);
                var runId = StartOrContinue(spec, store, grid, state, cells.Count, finished.Count);
                var frozen = FreezeTargets(spec, store, runId, session, modelGroup.Select(c => c.Dataset).DistinctBy(d => d.Name), stop);
                if (TargetsOnly) continue;
                RunCells(executor, store, runId, session, modelGroup, frozen, finished, lacking, state, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped within an item, a pass or an example: the cell or targets in flight were never written.
        }

        var ranId = state.RunId ?? existing?.RunId ?? "";
        return new RunSummary(ranId, store.Path, state.Ran, finished.Count, todo.Count - state.Ran.Count, stop.IsCancellationRequested && state.Ran.Count < todo.Count)
        {
            MetricsAdded = state.Added,
        };
    }

    /// <summary>What the run has done so far: its id once started, the cells run and the finished cells given metrics.</summary>
    private sealed class RunState(string? runId)
    {
        public string? RunId { get; set; } = runId;

        public List<CellSummary> Ran { get; } = [];

        public List<AddedMetrics> Added { get; } = [];
    }

    /// <summary>
    /// Resuming: refuses an existing run without `resume` or computed under other definitions, refuses an experiment whose
    /// changes alter finished work (<see cref="GridGrowth"/>), drops failed cells the grid no longer has (they hold an
    /// error, no results), and records an edited or grown experiment as the run's next version. A run from before
    /// versions were recorded must resume with the file it started with. Returns the run's id.
    /// </summary>
    private static string Continue(ExperimentSpec spec, ResultStore store, (string RunId, string ExperimentSha256) run, bool resume, GridDefinition grid, IReadOnlyList<Cell> cells)
    {
        var runId = run.RunId;
        if (!resume)
            Fail(spec, $"{spec.Output} already holds run {runId}; resume it with --resume, or set another 'output'");
        if (store.DefinitionsVersions().FirstOrDefault(v => v != DefinitionsVersion.Current) is var old and > 0)
            Fail(spec, $"run {runId} in {spec.Output} was computed under definitions version {old}; this harness computes version " +
                       $"{DefinitionsVersion.Current}, so resuming would mix them: set another 'output' for a new run, or delete {spec.Output} to start over");
        var sha = ProvenanceCollector.Sha256(File.ReadAllText(spec.File));
        var latest = store.LatestVersion(runId);
        if (latest is null && run.ExperimentSha256 != sha)
            Fail(spec, $"the experiment file changed since run {runId} started in {spec.Output}, which was written before a resumed run could grow its grid: " +
                       "resume it once with the file it started with, or set another 'output' for a new run");
        if (latest is { } stored && GridGrowth.Problems(spec, stored.Grid, store.Work(runId), runId) is { Count: > 0 } problems)
            throw new ExperimentException(problems);

        var ids = cells.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        store.DeleteCells(runId, store.FailedCells(runId).Where(id => !ids.Contains(id)));
        if (latest is { } last && last.ExperimentSha256 == sha && last.Grid.SameAs(grid)) return runId;
        var known = store.ModelNames(runId);
        store.RecordVersion(runId, ProvenanceCollector.Collect(spec, spec.Models.Where(m => !known.Contains(m.Name)).Select(ModelSession.Provenance).ToList()), grid);
        return runId;
    }

    /// <summary>A new run begins in the store once its first model has loaded (with the provenance of every model's
    /// files); the observer hears that the run started, or continues, until the first cell has run.</summary>
    private string StartOrContinue(ExperimentSpec spec, ResultStore store, GridDefinition grid, RunState state, int cells, int finished)
    {
        if (state.RunId is null)
        {
            observer.Loading("provenance (file hashes)");
            state.RunId = store.BeginRun(ProvenanceCollector.Collect(spec, spec.Models.Select(ModelSession.Provenance).ToList()), grid);
            observer.RunStarted(state.RunId, cells, 0);
        }
        else if (state.Ran.Count == 0 && state.Added.Count == 0)
        {
            observer.RunStarted(state.RunId, cells, finished);
        }

        return state.RunId;
    }

    /// <summary>Every dataset's targets (generated responses and predicted labels included) for one model, chosen and
    /// frozen in the store before any of the model's cells runs, so a resumed or sharded run evaluates the same items.</summary>
    private Dictionary<string, IReadOnlyList<EvaluationItem>> FreezeTargets(ExperimentSpec spec, ResultStore store, string runId, ModelSession session,
        IEnumerable<DatasetSpec> datasets, CancellationToken stop)
    {
        var frozen = new Dictionary<string, IReadOnlyList<EvaluationItem>>(StringComparer.Ordinal);
        foreach (var dataset in datasets)
        {
            frozen[dataset.Name] = Targets(spec, store, runId, session, dataset, stop);
            EnsureWithinContext(spec, session, dataset, frozen[dataset.Name]);
        }

        return frozen;
    }

    /// <summary>One model's cells, dataset by dataset and seed by seed; a finished cell of a grown experiment gets only
    /// the metrics it lacks, on its stored scores.</summary>
    private void RunCells(CellExecutor executor, ResultStore store, string runId, ModelSession session, IEnumerable<Cell> modelCells,
        IReadOnlyDictionary<string, IReadOnlyList<EvaluationItem>> frozen, IReadOnlySet<string> finished, IReadOnlyDictionary<string, IReadOnlyList<MetricSpec>> lacking,
        RunState state, CancellationToken stop)
    {
        foreach (var seedGroup in modelCells.GroupBy(c => (c.Dataset.Name, c.Seed)))
        {
            var items = frozen[seedGroup.Key.Name];
            // One memo per example for every attributor of this model x dataset x seed.
            var memos = new Dictionary<string, ExampleMemo>(StringComparer.Ordinal);
            ExampleMemo MemoFor(EvaluationItem item) => memos.TryGetValue(item.Key, out var m) ? m : memos[item.Key] = new ExampleMemo();
            foreach (var cell in seedGroup)
            {
                stop.ThrowIfCancellationRequested();
                if (finished.Contains(cell.Id))
                {
                    var metrics = lacking[cell.Id];
                    observer.Loading($"{string.Join(", ", metrics.Select(m => m.Label))} for finished cell {cell.Id}");
                    var result = executor.AddMetrics(cell, session, items, store.StoredScores(runId, cell.Id), metrics, MemoFor, stop);
                    if (result.Error is null) store.AddMetricValues(runId, cell.Id, result.Values);
                    state.Added.Add(new AddedMetrics(cell, metrics.Select(m => m.Label).ToList(), result.Error));
                    continue;
                }

                observer.CellStarted(cell, items.Count);
                var outcome = executor.Run(cell, session, items, MemoFor, done => observer.ItemFinished(cell, done, items.Count), stop);
                store.WriteCell(runId, outcome);
                state.Ran.Add(CellSummary.Of(outcome));
                observer.CellFinished(outcome);
            }
        }
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

    /// <summary>The items of a model x dataset: from the store when an earlier attempt chose them, else chosen now
    /// (example by example, a stop request heard between them) and stored in one write.</summary>
    private IReadOnlyList<EvaluationItem> Targets(ExperimentSpec spec, ResultStore store, string runId, ModelSession session, DatasetSpec dataset, CancellationToken stop)
    {
        if (store.Targets(runId, session.Spec.Name, dataset.Name) is { } json)
            return JsonSerializer.Deserialize<List<EvaluationItem>>(json)!;
        observer.Loading($"targets of {dataset.Name} for {session.Spec.Name}");
        var chat = ChatTemplateFor(spec, session, dataset);
        var items = new List<EvaluationItem>();
        var (skipped, examples, wrong) = (0, 0, 0);
        foreach (var example in DatasetLoader.Load(dataset))
        {
            stop.ThrowIfCancellationRequested();
            examples++;
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
            if (dataset.OnlyCorrect && built.Count == 0) wrong++;
            items.AddRange(built);
        }
        if (dataset.OnlyCorrect)
            observer.Loading($"{dataset.Name}: only_correct kept {examples - wrong - skipped} of {examples} example(s); model {session.Spec.Name} " +
                $"predicted another next token than the target for {wrong}");
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
