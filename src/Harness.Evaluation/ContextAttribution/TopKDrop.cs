using System.Globalization;
using Harness.Evaluation.Core;
using Harness.Evaluation.Eraser;
using Harness.Scoring;
using Harness.Evaluation.Devices;

namespace Harness.Evaluation.ContextAttribution;

/// <summary>
/// top_k_drop (ContextCite, Cohen-Wang et al. 2024; AT2; spec/metrics.md section 5): f(all ones) -
/// f(ones with the top-k sources by score ablated), f the response's logit-probability (or log P,
/// option `output`); higher is better. Parts "k=1", "k=3", "k=5" (one per option k) and "f_full".
/// Harness choices: the value is the mean of the parts over the ks (one number per cell, as AOPC);
/// k is capped at the number of sources, ties are broken by position (earlier first, as ERASER's
/// rationales); f(all ones) is the intact context's, shared through the example memo. Forward passes:
/// one per distinct capped k, in one batched call, plus the intact context once per example; the runner packs the
/// ablated contexts of several examples into shared passes (<see cref="IPackedMetric"/>).
/// </summary>
public sealed class TopKDrop : IPackedMetric
{
    /// <summary>The spec's and YAML's name of this metric.</summary>
    public const string MetricName = "top_k_drop";

    /// <summary>The registry's entry for this metric.</summary>
    public static MetricDescriptor Descriptor { get; } = new(MetricName, typeof(TopKDropOptions), o => new TopKDrop((TopKDropOptions?)o))
    {
        Summary = "top-k drop (ContextCite, AT2): drop of the response's logit-probability with the top k sources ablated",
        AxisTitle = "Top-k drop (Δ logit-probability)",
        DeviceTies = DeviceTies.ScoreOrder,
        // Source: ContextCite / AT2: drop_k = f(all) - f(top-k ablated).
        Passes = PassRule.For<TopKDropOptions>("f(all) + |ks|", "spec/metrics.md 5", (o, _) => new PassEstimate(1 + o.Ks.Count, 0)),
    };

    private readonly TopKDropOptions options;

    /// <summary>A top-k drop metric; null options take <see cref="TopKDropOptions"/>' defaults.</summary>
    /// <exception cref="MetricException">An empty ks, a k below 1 or a repeated k.</exception>
    public TopKDrop(TopKDropOptions? options = null)
    {
        this.options = options ?? new TopKDropOptions();
        var ks = this.options.Ks;
        if (ks.Count == 0) throw new MetricException($"{MetricName} option ks is empty; valid: distinct integers >= 1");
        foreach (var k in ks)
            if (k < 1) throw new MetricException($"{MetricName} option ks={k}: valid: integers >= 1");
        if (ks.Distinct().Count() != ks.Count) throw new MetricException($"{MetricName} option ks={string.Join(',', ks)}: valid: distinct integers >= 1");
    }

    /// <inheritdoc />
    public string Name => MetricName;

    /// <inheritdoc />
    public MetricResult Evaluate(MetricInput input, CancellationToken cancellationToken = default) => EvaluateMany([input], cancellationToken)[0];

    /// <summary>One row per distinct k an input: enough inputs that a pack's ablated contexts fill batch_size.</summary>
    public int EvaluationsPerPack(int batchSize) => Math.Max(1, batchSize / options.Ks.Distinct().Count());

    /// <inheritdoc />
    public IReadOnlyList<MetricResult> EvaluateMany(IReadOnlyList<MetricInput> inputs, CancellationToken cancellationToken = default)
    {
        using var pack = new MetricPack(inputs, Objective.LogProb, cancellationToken);
        var runs = pack.Runs;
        var ablators = new MetricAblator?[runs.Count];
        var masks = new IReadOnlyList<bool[]>[runs.Count];
        var capped = new int[runs.Count][];
        var distinct = new int[runs.Count][];
        var full = new double[runs.Count];
        for (var i = 0; i < runs.Count; i++)
        {
            masks[i] = [];
            if (runs[i].ScoresUnusable) continue;
            ablators[i] = new MetricAblator(runs[i], options.Ablation);
            var n = ablators[i]!.Features;
            capped[i] = options.Ks.Select(k => Math.Min(k, n)).ToArray();
            distinct[i] = capped[i].Distinct().ToArray();
            masks[i] = distinct[i].Select(k => EraserRationale.Mask(inputs[i].Scores, k).Select(top => !top).ToArray()).ToList();
        }

        cancellationToken.ThrowIfCancellationRequested();
        var logProbabilities = pack.Score(ablators, masks);
        // f(all ones) through each run's own scorer, as every metric of the example computes it (IntactContext's memo), once
        // the pack's passes succeeded: a pack that fails is evaluated item by item, and each item then counts its own f(all)
        // (unless the intact context itself failed for a later item, after earlier ones memoised theirs).
        for (var i = 0; i < runs.Count; i++)
            if (!runs[i].ScoresUnusable) full[i] = options.Output.Apply(IntactContext.LogProbability(runs[i]));
        return runs.Select((run, i) =>
        {
            if (run.ScoresUnusable) return run.Unusable();
            var ablated = logProbabilities[i].Select(logP => options.Output.Apply(logP)).ToArray();
            var drops = capped[i].Select(k => full[i] - ablated[Array.IndexOf(distinct[i], k)]).ToArray();
            var parts = new Dictionary<PartKey, double>();
            for (var d = 0; d < drops.Length; d++) parts[AtK(options.Ks[d])] = drops[d];
            parts[new PartKey("f_full")] = full[i];
            return run.Finish(drops.Average(), parts);
        }).ToList();
    }

    /// <summary>"k=3": the part holding the drop when the k highest-scored sources are ablated.</summary>
    public static PartKey AtK(int k) => new("k", k);
}
