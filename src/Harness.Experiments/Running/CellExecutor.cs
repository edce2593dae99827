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
/// <see cref="IPackedAttributor.AttributionsPerPack"/> items at a time, their forward passes packed together. The item's seed (<see cref="ItemSeed"/>) and memo are shared with the
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

    /// <summary>The cell's attributor, made with the session's resources from its bound options (a method that needs a
    /// resource the model lacks fails here, and the cell records it).</summary>
    private IAttributor AttributorFor(Cell cell, ModelSession session)
    {
        var made = options.Attributor(cell.Attributor).Create(session.Resources);
        return decorate is null ? made : decorate(cell, made);
    }

    /// <summary>The cell's outcome; a stop request is heard between packs of items, inside the attributor's and the
    /// metrics' passes, and ends the cell with an <see cref="OperationCanceledException"/> (nothing of it is kept).</summary>
    public CellOutcome Run(Cell cell, ModelSession session, IReadOnlyList<EvaluationItem> items, Func<EvaluationItem, ExampleMemo> memoFor, Action<int>? itemDone = null,
        CancellationToken stop = default)
    {
        var clock = Stopwatch.StartNew();
        var stored = new List<StoredAttribution>();
        try
        {
            var attributor = AttributorFor(cell, session);
            var descriptor = options.Attributor(cell.Attributor).Descriptor;
            var metrics = spec.Metrics.Where(m => m.AppliesTo(cell.Dataset.Name)).Select(m => (Spec: m, Metric: options.Metric(m).Create())).ToList();
            // A packing attributor runs several items' forward passes together (issue 27, items 3 and 4); the items keep
            // their seeds and order, and each is stored and evaluated as when attributed alone.
            var perPack = attributor is IPackedAttributor packing ? Math.Max(1, packing.AttributionsPerPack(spec.BatchSize)) : 1;
            for (var first = 0; first < items.Count; first += perPack)
            {
                stop.ThrowIfCancellationRequested();
                var indices = Enumerable.Range(first, Math.Min(perPack, items.Count - first)).ToList();
                var requests = indices.Select(index => new AttributionRequest(session.Model, items[index].ContextIds, items[index].Target)
                {
                    Region = items[index].Region,
                    Sources = items[index].Sources,
                    Seed = ItemSeed.Of(cell.Seed, index),
                    BatchSize = spec.BatchSize,
                    ContextText = items[index].ContextText,
                }).ToList();
                IReadOnlyList<AttributionResult> results;
                using (torch.NewDisposeScope())
                    results = requests.Count == 1 ? [attributor.Attribute(requests[0], stop)] : ((IPackedAttributor)attributor).AttributeMany(requests, stop);
                foreach (var (index, result) in indices.Zip(results))
                {
                    using var scope = torch.NewDisposeScope();
                    var item = items[index];
                    var seed = ItemSeed.Of(cell.Seed, index);
                    var memo = memoFor(item);
                    var values = metrics.Select(m => Evaluate(m.Spec, m.Metric, session, item, result.Scores, seed, memo, descriptor, stop)).ToList();
                    stored.Add(new StoredAttribution(item.ExampleId, item.Step, item.TargetIds, result.Scores, result.Cost, result.Diagnostics, values));
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

    /// <summary>
    /// Computes metrics a finished cell lacks (added to the experiment after it ran) on its stored scores, each item with
    /// the seed and memo it had in the cell, so the values are those the cell would hold had they been there from the start.
    /// Nothing is returned but the error when one stops it (as <see cref="Run"/>'s failures; the cell stays as it was).
    /// </summary>
    public (IReadOnlyList<(string ExampleId, int Step, StoredMetricValue Value)> Values, string? Error) AddMetrics(Cell cell, ModelSession session,
        IReadOnlyList<EvaluationItem> items, IReadOnlyList<(string ExampleId, int Step, float[] Scores)> stored, IReadOnlyList<MetricSpec> metricSpecs,
        Func<EvaluationItem, ExampleMemo> memoFor, CancellationToken stop = default)
    {
        var values = new List<(string, int, StoredMetricValue)>();
        try
        {
            var metrics = metricSpecs.Select(m => (Spec: m, Metric: options.Metric(m).Create())).ToList();
            var descriptor = options.Attributor(cell.Attributor).Descriptor;
            var scores = stored.ToDictionary(a => $"{a.ExampleId}#{a.Step}", a => a.Scores, StringComparer.Ordinal);
            for (var index = 0; index < items.Count; index++)
            {
                stop.ThrowIfCancellationRequested();
                var item = items[index];
                if (!scores.TryGetValue(item.Key, out var itemScores))
                    throw new InvalidOperationException($"finished cell {cell.Id} holds no attribution of item {item.Key} of its frozen targets");
                using var scope = torch.NewDisposeScope();
                var memo = memoFor(item);
                foreach (var (metricSpec, metric) in metrics)
                    values.Add((item.ExampleId, item.Step, Evaluate(metricSpec, metric, session, item, itemScores, ItemSeed.Of(cell.Seed, index), memo, descriptor, stop)));
            }

            return (values, null);
        }
        catch (Exception e) when (e is ScoringException or TorchException or InvalidOperationException or ArgumentException)
        {
            return ([], $"{e.GetType().Name}: {e.Message}");
        }
    }

    private StoredMetricValue Evaluate(MetricSpec metricSpec, IMetric metric, ModelSession session, EvaluationItem item, float[] scores, ulong seed, ExampleMemo memo, AttributorDescriptor attributor,
        CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var result = metric.Evaluate(new MetricInput(session.Model, item.ContextIds, item.Target, scores)
            {
                Region = item.Region,
                Sources = item.Sources,
                Attributor = attributor.Name,
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
            }, stop);
            // The row records the options as written plus what the metric resolved for this cell (Soft-NS/NC: protocol, transform).
            var recorded = result.Settings.Count == 0 ? metricSpec.Options : metricSpec.Options.Concat(result.Settings.Where(s => !metricSpec.Options.ContainsKey(s.Key)))
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            return new StoredMetricValue(metricSpec.Label, metricSpec.Name, recorded, result.Value, result.Parts, result.Flags, result.Cost.ForwardPasses, clock.Elapsed.TotalMilliseconds);
        }
        catch (ScoringException e)
        {
            // Recorded where it happened; the flag keeps it out of every average.
            return new StoredMetricValue(metricSpec.Label, metricSpec.Name, metricSpec.Options, double.NaN, new Dictionary<PartKey, double>(),
                [MetricError, new MetricFlag(e.Message.Replace(',', ';'))], 0, clock.Elapsed.TotalMilliseconds);
        }
    }
}
