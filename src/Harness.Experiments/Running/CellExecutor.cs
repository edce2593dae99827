using System.Diagnostics;
using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Evaluation;
using Harness.Evaluation.Core;
using Harness.Experiments.Grid;
using Harness.Experiments.Schema;
using Harness.Experiments.Store;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Experiments.Running;

/// <summary>
/// Runs one cell: the attributor on each item of its model x dataset, then every metric of the
/// experiment on those scores. An <see cref="IPackedAttributor"/> attributes
/// <see cref="IPackedAttributor.AttributionsPerPack"/> items at a time, their forward passes packed together; an
/// <see cref="IPackedMetric"/> evaluates <see cref="IPackedMetric.EvaluationsPerPack"/> at a time, in packs counted from the
/// cell's first item whatever the attributor. The item's seed (<see cref="ItemSeed"/>) and memo are shared with the
/// other attributors of the example. A metric that does not apply to an item (its ScoringException, MetricException among them)
/// is stored as NaN flagged "metric_error"; any other failure ends the cell, recorded with its error:
/// the first one thrown, since every dispose scope on the way out releases the scopes left open inside
/// it instead of throwing over it.
/// </summary>
/// <param name="options">The experiment's attributor and metric options, bound once for every cell.</param>
/// <param name="decorate">Wraps a cell's attributor as made from its bound options (progress, a test's failing one); as made when null.</param>
public sealed class CellExecutor(ExperimentSpec spec, BoundOptions options, Func<Cell, IAttributor, IAttributor>? decorate = null)
{
    /// <summary>The flag on a metric value that could not be computed because the metric threw on that item (the value is NaN; the cell goes on).</summary>
    public static readonly MetricFlag MetricError = new("metric_error");


    /// <summary>The cell's outcome; a stop request is heard between packs of items, inside the attributor's and the
    /// metrics' passes, and ends the cell with an <see cref="OperationCanceledException"/> (nothing of it is kept).
    /// <paramref name="itemDone"/> hears each item once it is attributed and every metric has evaluated it.</summary>
    public CellOutcome Run(Cell cell, ModelSession session, IReadOnlyList<EvaluationItem> items, Func<EvaluationItem, ExampleMemo> memoFor, Action<int>? itemDone = null,
        CancellationToken stop = default)
    {
        var clock = Stopwatch.StartNew();
        var stored = new List<StoredAttribution>();
        try
        {
            // The cell's attributor, made with the session's resources from its bound options (a method that needs a
            // resource the model lacks fails here, and the cell records it).
            var made = options.Attributor(cell.Attributor).Create(session.Resources);
            var attributor = decorate is null ? made : decorate(cell, made);
            var descriptor = options.Attributor(cell.Attributor).Descriptor;
            var metrics = MetricsOf(spec.Metrics.Where(m => m.AppliesTo(cell.Dataset.Name)));
            // A packing attributor runs several items' forward passes together (issue 27, items 3 and 4); the items keep
            // their seeds and order, and each is stored and evaluated as when attributed alone.
            var perPack = attributor is IPackedAttributor packing ? Math.Max(1, packing.AttributionsPerPack(spec.BatchSize)) : 1;
            var results = new AttributionResult[items.Count];
            var values = metrics.Select(_ => new StoredMetricValue[items.Count]).ToArray();
            var evaluated = new int[metrics.Count];
            List<AttributionRequest> RequestsOf(IReadOnlyList<int> indices) => indices.Select(index => Request(cell, session, items, index)).ToList();
            if (items.Count > 0) WarmUp(made, RequestsOf([0])[0], stop);
            for (var first = 0; first < items.Count; first += perPack)
            {
                stop.ThrowIfCancellationRequested();
                var indices = Enumerable.Range(first, Math.Min(perPack, items.Count - first)).ToList();
                var requests = RequestsOf(indices);
                using (torch.NewDisposeScope())
                {
                    var attributed = Attribute(attributor, requests, stop);
                    foreach (var (index, result) in indices.Zip(attributed)) results[index] = result;
                }

                var ready = first + indices.Count;
                MetricInput InputOf(int index) => Input(session, items[index], results[index].Scores, ItemSeed.Of(cell.Seed, index), memoFor(items[index]), cell.Attributor.Label, descriptor)
                    with { ReattributeOnRandomizedModel = Reattribute(() => made, () => Request(cell, session, items, index), session) };
                for (var m = 0; m < metrics.Count; m++) evaluated[m] = EvaluateReadyPacks(metrics[m], evaluated[m], ready, items.Count, InputOf, values[m], stop);

                for (var complete = metrics.Count == 0 ? ready : evaluated.Min(); stored.Count < complete;)
                {
                    var index = stored.Count;
                    var (item, result) = (items[index], results[index]);
                    stored.Add(new StoredAttribution(item.ExampleId, item.Step, item.TargetIds, result.Scores, result.Cost, result.Diagnostics, values.Select(v => v[index]).ToList()));
                    itemDone?.Invoke(index + 1);
                }
            }

            return new CellOutcome(cell, stored, null, clock.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is ScoringException or TorchException or InvalidOperationException or ArgumentException)
        {
            return new CellOutcome(cell, [], $"{e.GetType().Name}: {e.Message}", clock.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>The attribution request of the cell's item <paramref name="index"/>: its context, target, region, sources and seed.</summary>
    private AttributionRequest Request(Cell cell, ModelSession session, IReadOnlyList<EvaluationItem> items, int index) =>
        new(session.Model, items[index].ContextIds, items[index].Target)
        {
            Region = items[index].Region,
            Sources = items[index].Sources,
            Seed = ItemSeed.Of(cell.Seed, index),
            BatchSize = spec.BatchSize,
            ContextText = items[index].ContextText,
            SourceText = items[index].SourceText(session.Tokenizer),
        };

    /// <summary>model_randomization's attribution of the item's request again, by the cell's attributor as made (no
    /// progress listeners: these are not the cell's items) on the session's re-initialised copy of the model. Attributor
    /// and request are made only when a metric asks, since every metric input carries the delegate.</summary>
    private static ReattributeOnRandomizedModel Reattribute(Func<IAttributor> attributor, Func<AttributionRequest> request, ModelSession session) =>
        (randomisation, token) =>
        {
            using var scope = torch.NewDisposeScope();
            var result = attributor().Attribute(request() with { Model = session.Randomised(randomisation) }, token);
            return new Reattribution(result.Scores, result.Cost);
        };

    private static IReadOnlyList<AttributionResult> Attribute(IAttributor attributor, List<AttributionRequest> requests, CancellationToken stop) =>
        requests.Count == 1 ? [attributor.Attribute(requests[0], stop)] : ((IPackedAttributor)attributor).AttributeMany(requests, stop);

    /// <summary>
    /// Costs are recorded after warm-up (spec/metrics.md section 7): the cell's first item is attributed once, untimed and
    /// dropped, by the cell's attributor before it is decorated (whose listeners count items), and through the packed
    /// path where the method packs, so that the first timed item does not also pay for compiling the cell's code paths
    /// and libtorch's first use of its kernels; on the nightly job a cell's first item took 2 to 3 times its others
    /// without it. Items keep their seeds, so the stored results are those of a cell without it.
    /// </summary>
    private static void WarmUp(IAttributor attributor, AttributionRequest first, CancellationToken stop)
    {
        using var scope = torch.NewDisposeScope();
        if (attributor is IPackedAttributor packed) packed.AttributeMany([first], stop);
        else attributor.Attribute(first, stop);
    }

    /// <summary>
    /// Computes metrics a finished cell lacks (added to the experiment after it ran) on its stored scores, each item with
    /// the seed and memo it had in the cell and in the packs it would have had, so the values are those the cell would hold
    /// had they been there from the start. Nothing is returned but the error when one stops it (as <see cref="Run"/>'s
    /// failures; the cell stays as it was).
    /// </summary>
    public (IReadOnlyList<(string ExampleId, int Step, StoredMetricValue Value)> Values, string? Error) AddMetrics(Cell cell, ModelSession session,
        IReadOnlyList<EvaluationItem> items, IReadOnlyList<(string ExampleId, int Step, float[] Scores)> stored, IReadOnlyList<MetricSpec> metricSpecs,
        Func<EvaluationItem, ExampleMemo> memoFor, CancellationToken stop = default)
    {
        try
        {
            var metrics = MetricsOf(metricSpecs);
            var descriptor = options.Attributor(cell.Attributor).Descriptor;
            var scores = stored.ToDictionary(a => $"{a.ExampleId}#{a.Step}", a => a.Scores, StringComparer.Ordinal);
            // Only model_randomization attributes again: the attributor is made when it first does.
            var made = new Lazy<IAttributor>(() => options.Attributor(cell.Attributor).Create(session.Resources));
            var inputs = items.Select((item, index) => scores.TryGetValue(item.Key, out var itemScores)
                ? Input(session, item, itemScores, ItemSeed.Of(cell.Seed, index), memoFor(item), cell.Attributor.Label, descriptor)
                    with { ReattributeOnRandomizedModel = Reattribute(() => made.Value, () => Request(cell, session, items, index), session) }
                : throw new InvalidOperationException($"finished cell {cell.Id} holds no attribution of item {item.Key} of its frozen targets")).ToList();
            var values = new StoredMetricValue[metrics.Count][];
            for (var m = 0; m < metrics.Count; m++)
            {
                values[m] = new StoredMetricValue[items.Count];
                for (var first = 0; first < items.Count; first += metrics[m].PerPack)
                {
                    stop.ThrowIfCancellationRequested();
                    var pack = inputs.Skip(first).Take(metrics[m].PerPack).ToList();
                    EvaluatePack(metrics[m].Spec, metrics[m].Metric, pack, stop).CopyTo(values[m], first);
                }
            }

            return (items.SelectMany((item, index) => values.Select(v => (item.ExampleId, item.Step, v[index]))).ToList(), null);
        }
        catch (Exception e) when (e is ScoringException or TorchException or InvalidOperationException or ArgumentException)
        {
            return ([], $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// Evaluates the metric's packs whose items are all attributed (the first <paramref name="ready"/> of the cell's
    /// <paramref name="count"/>), from item <paramref name="evaluated"/> on, into <paramref name="values"/>; the last pack may be
    /// shorter. Packs are counted from the cell's first item, so they are the same whatever the attributor packs.
    /// Returns the number of items evaluated so far.
    /// </summary>
    private static int EvaluateReadyPacks((MetricSpec Spec, IMetric Metric, int PerPack) metric, int evaluated, int ready, int count,
        Func<int, MetricInput> inputOf, StoredMetricValue[] values, CancellationToken stop)
    {
        while (evaluated < ready && (evaluated + metric.PerPack <= ready || ready == count))
        {
            var pack = Enumerable.Range(evaluated, Math.Min(metric.PerPack, ready - evaluated)).Select(inputOf).ToList();
            EvaluatePack(metric.Spec, metric.Metric, pack, stop).CopyTo(values, evaluated);
            evaluated += pack.Count;
        }

        return evaluated;
    }

    /// <summary>The metrics made from their bound options, each with the items it evaluates a pack: as many as its
    /// <see cref="IPackedMetric.EvaluationsPerPack"/> says, one for a metric that does not pack.</summary>
    private List<(MetricSpec Spec, IMetric Metric, int PerPack)> MetricsOf(IEnumerable<MetricSpec> specs) =>
        specs.Select(m =>
        {
            var metric = options.Metric(m).Create();
            return (m, metric, metric is IPackedMetric packed ? Math.Max(1, packed.EvaluationsPerPack(spec.BatchSize)) : 1);
        }).ToList();

    private MetricInput Input(
        ModelSession session, EvaluationItem item, float[] scores, ulong seed, ExampleMemo memo, string label, AttributorDescriptor attributor) =>
        new(session.Model, item.ContextIds, item.Target, scores)
        {
            Region = item.Region,
            Sources = item.Sources,
            SourceText = item.SourceText(session.Tokenizer),
            Attributor = label,
            ReagentTransform = attributor.ReagentTransform,
            Seed = seed,
            BatchSize = spec.BatchSize,
            PadId = session.PadId,
            BosId = session.Generation?.BosTokenId,
            RationalePositions = item.Rationale,
            Memo = memo,
            Decode = ids => session.Tokenizer.Decode(ids.Select(i => (int)i).ToList(), skipSpecialTokens: true),
            LabelSet = item.LabelSet,
            Answers = item.Answers,
            SupportingSources = item.SupportingSources,
        };

    /// <summary>
    /// The metric's values for a pack of inputs: packed through <see cref="IPackedMetric.EvaluateMany"/> (the pack's wall
    /// time shared equally) when the metric packs and the pack holds more than one; else one input at a time. A pack that
    /// fails is evaluated one input at a time, so only the input the metric cannot take is flagged.
    /// </summary>
    private static StoredMetricValue[] EvaluatePack(MetricSpec metricSpec, IMetric metric, IReadOnlyList<MetricInput> inputs, CancellationToken stop)
    {
        if (inputs.Count == 1 || metric is not IPackedMetric packed) return inputs.Select(input => Evaluate(metricSpec, metric, input, stop)).ToArray();
        var clock = Stopwatch.StartNew();
        IReadOnlyList<MetricResult> results;
        try
        {
            using var scope = torch.NewDisposeScope();
            results = packed.EvaluateMany(inputs, stop);
        }
        catch (ScoringException)
        {
            // Each input's time includes its share of the failed attempt; its forward passes are those it makes alone.
            var failedShare = clock.Elapsed.TotalMilliseconds / inputs.Count;
            return inputs.Select(input => Evaluate(metricSpec, metric, input, stop, failedShare)).ToArray();
        }

        var share = clock.Elapsed.TotalMilliseconds / inputs.Count;
        return results.Select(result => Stored(metricSpec, result, share)).ToArray();
    }

    private static StoredMetricValue Evaluate(MetricSpec metricSpec, IMetric metric, MetricInput input, CancellationToken stop, double earlierMilliseconds = 0)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var scope = torch.NewDisposeScope();
            var result = metric.Evaluate(input, stop);
            return Stored(metricSpec, result, earlierMilliseconds + clock.Elapsed.TotalMilliseconds);
        }
        catch (ScoringException e)
        {
            // Recorded where it happened; the flag keeps it out of every average.
            return new StoredMetricValue(metricSpec.Label, metricSpec.Name, metricSpec.Options, double.NaN, new Dictionary<PartKey, double>(),
                [MetricError, new MetricFlag(e.Message.Replace(',', ';'))], 0, earlierMilliseconds + clock.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>The row of a metric's result: the options as written plus what the metric resolved for this cell (Soft-NS/NC:
    /// protocol, transform).</summary>
    private static StoredMetricValue Stored(MetricSpec metricSpec, MetricResult result, double milliseconds)
    {
        var recorded = result.Settings.Count == 0 ? metricSpec.Options : metricSpec.Options.Concat(result.Settings.Where(s => !metricSpec.Options.ContainsKey(s.Key)))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return new StoredMetricValue(metricSpec.Label, metricSpec.Name, recorded, result.Value, result.Parts, result.Flags, result.Cost.ForwardPasses, milliseconds);
    }
}
