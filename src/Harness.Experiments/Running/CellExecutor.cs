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
/// <param name="createAttributor">A cell's attributor from the cell and the session's resources;
/// <see cref="FromRegistry"/> unless a test substitutes one that fails on purpose.</param>
public sealed class CellExecutor(ExperimentSpec spec, Func<Cell, AttributorResources, IAttributor>? createAttributor = null)
{
    public static readonly MetricFlag MetricError = new("metric_error");

    private readonly Func<Cell, AttributorResources, IAttributor> createAttributor = createAttributor ?? FromRegistry;

    /// <summary>The attributor the cell names, with its options, from <see cref="AttributorRegistry"/>.</summary>
    public static IAttributor FromRegistry(Cell cell, AttributorResources resources) =>
        AttributorRegistry.Create(cell.Attributor.Name, cell.Attributor.Options, resources);

    public CellOutcome Run(Cell cell, ModelSession session, IReadOnlyList<EvaluationItem> items, Func<EvaluationItem, ExampleMemo> memoFor, Action<int>? itemDone = null)
    {
        var clock = Stopwatch.StartNew();
        var stored = new List<StoredAttribution>();
        try
        {
            var attributor = createAttributor(cell, session.Resources);
            var metrics = spec.Metrics.Where(m => m.AppliesTo(cell.Dataset.Name)).Select(m => (Spec: m, Metric: MetricRegistry.Create(m.Name, m.Options))).ToList();
            // A packing attributor runs several items' forward passes together (issue 27, items 3 and 4); the items keep
            // their seeds and order, and each is stored and evaluated as when attributed alone.
            var perPack = attributor is IPackedAttributor packing ? Math.Max(1, packing.AttributionsPerPack(spec.BatchSize)) : 1;
            for (var first = 0; first < items.Count; first += perPack)
            {
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
                    results = requests.Count == 1 ? [attributor.Attribute(requests[0])] : ((IPackedAttributor)attributor).AttributeMany(requests);
                foreach (var (index, result) in indices.Zip(results))
                {
                    using var scope = torch.NewDisposeScope();
                    var item = items[index];
                    var seed = ItemSeed.Of(cell.Seed, index);
                    var memo = memoFor(item);
                    var values = metrics.Select(m => Evaluate(m.Spec, m.Metric, session, item, result.Scores, seed, memo, cell.Attributor.Name)).ToList();
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
        Func<EvaluationItem, ExampleMemo> memoFor)
    {
        var values = new List<(string, int, StoredMetricValue)>();
        try
        {
            var metrics = metricSpecs.Select(m => (Spec: m, Metric: MetricRegistry.Create(m.Name, m.Options))).ToList();
            var scores = stored.ToDictionary(a => $"{a.ExampleId}#{a.Step}", a => a.Scores, StringComparer.Ordinal);
            for (var index = 0; index < items.Count; index++)
            {
                var item = items[index];
                if (!scores.TryGetValue(item.Key, out var itemScores))
                    throw new InvalidOperationException($"finished cell {cell.Id} holds no attribution of item {item.Key} of its frozen targets");
                using var scope = torch.NewDisposeScope();
                var memo = memoFor(item);
                foreach (var (metricSpec, metric) in metrics)
                    values.Add((item.ExampleId, item.Step, Evaluate(metricSpec, metric, session, item, itemScores, ItemSeed.Of(cell.Seed, index), memo, cell.Attributor.Name)));
            }

            return (values, null);
        }
        catch (Exception e) when (e is ScoringException or TorchException or InvalidOperationException or ArgumentException)
        {
            return ([], $"{e.GetType().Name}: {e.Message}");
        }
    }

    private StoredMetricValue Evaluate(MetricSpec metricSpec, IMetric metric, ModelSession session, EvaluationItem item, float[] scores, ulong seed, ExampleMemo memo, string attributor)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var result = metric.Evaluate(new MetricInput(session.Model, item.ContextIds, item.Target, scores)
            {
                Region = item.Region,
                Sources = item.Sources,
                Attributor = attributor,
                ReagentTransform = AttributorRegistry.TryFind(attributor)?.ReagentTransform,
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
            });
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
