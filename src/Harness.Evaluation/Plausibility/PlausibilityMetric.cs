using Harness.Evaluation.Core;
using Harness.Scoring;
using Harness.Evaluation.Devices;

namespace Harness.Evaluation.Plausibility;

/// <summary>
/// plausibility (spec/metrics.md section 6): how well the scores find the example's rationale, as ERASER's code scores
/// soft rationales (the default) or as ferret's does (option `protocol`, <see cref="PlausibilityProtocol"/>).
/// eraser: the value is the average precision; parts average_precision, auprc, roc_auc, token_f1, iou. ferret: the
/// value is the AUPRC; parts auprc, token_f1, iou. With grouped sources (words, sentences), a source belongs to the
/// rationale when any of its tokens does (harness choice). No forward passes. An example without a rationale gives
/// NaN flagged "no_rationale", so it never enters an average; under eraser, one whose rationale covers every source
/// gives NaN flagged "rationale_covers_all", as ERASER leaves single-class instances out of average precision.
/// </summary>
public sealed class PlausibilityMetric : IMetric
{
    /// <summary>The spec's and YAML's name of this metric.</summary>
    public const string MetricName = "plausibility";

    /// <summary>The registry's entry for this metric.</summary>
    public static MetricDescriptor Descriptor { get; } = new(MetricName, typeof(PlausibilityOptions), o => new PlausibilityMetric((PlausibilityOptions?)o))
    {
        Summary = "plausibility: agreement of the scores with the human rationale, as ERASER (average precision) or ferret (AUPRC) scores it (spec/metrics.md 6)",
        AxisTitle = "Plausibility (0-1)",
        DeviceTies = DeviceTies.ScoreOrder,
        Passes = PassRule.Fixed("none (scores vs rationale)", "spec/metrics.md 6", _ => PassEstimate.None),
    };

    /// <summary>The example has no rationale to compare with: value NaN.</summary>
    public static readonly MetricFlag NoRationale = new("no_rationale");

    /// <summary>Every source is in the rationale: ERASER's average precision leaves the instance out (value NaN).</summary>
    public static readonly MetricFlag RationaleCoversAll = new("rationale_covers_all");

    /// <summary>ferret's top_k_rationale default (utils_from_soft_to_discrete.py parse_evaluator_args).</summary>
    private const int FerretTopK = 5;

    private readonly PlausibilityOptions options;

    /// <summary>A plausibility metric; null options take <see cref="PlausibilityOptions"/>' defaults.</summary>
    /// <exception cref="MetricException">A top_k below 1.</exception>
    public PlausibilityMetric(PlausibilityOptions? options = null)
    {
        this.options = options ?? new PlausibilityOptions();
        if (this.options.TopK is < 1) throw new MetricException($"{MetricName} option top_k={this.options.TopK}: valid: integers >= 1");
    }

    /// <inheritdoc />
    public string Name => MetricName;

    /// <inheritdoc />
    public MetricResult Evaluate(MetricInput input, CancellationToken cancellationToken = default)
    {
        using var run = new MetricRun(input, cancellationToken: cancellationToken);
        foreach (var position in input.RationalePositions)
            if (position < 0 || position >= run.RegionLength)
                throw new MetricException($"rationale position {position} lies outside the attributed region of {run.RegionLength} tokens");
        var rationale = input.RationalePositions.ToHashSet();
        var relevant = run.Sources.Groups.Select(group => group.Any(rationale.Contains)).ToArray();
        if (!relevant.Any(r => r)) run.Flag(NoRationale);
        if (run.ScoresUnusable || !relevant.Any(r => r)) return run.Unusable();

        var ferret = options.Protocol == PlausibilityProtocol.Ferret;
        var onlyPositive = options.OnlyPositive ?? ferret;
        // Source: ferret's AUPRC_PlausibilityEvaluation: `[v if v > 0 else 0 ...]` under only_pos.
        var scores = onlyPositive ? input.Scores.Select(s => s > 0 ? s : 0f).ToArray() : input.Scores;
        var k = options.TopK ?? (ferret ? FerretTopK : relevant.Count(r => r));
        var predicted = ferret ? RationaleAgreement.FerretTopK(input.Scores, k, onlyPositive) : RationaleAgreement.TopK(input.Scores, k);
        if (onlyPositive && !ferret) predicted = predicted.Select((chosen, i) => chosen && input.Scores[i] > 0).ToArray();
        var auprc = RationaleAgreement.AreaUnderPrecisionRecall(scores, relevant);
        var parts = new Dictionary<PartKey, double>
        {
            [new("auprc")] = auprc,
            [new("token_f1")] = RationaleAgreement.TokenF1(predicted, relevant),
            [new("iou")] = RationaleAgreement.Iou(predicted, relevant),
        };
        if (ferret) return run.Finish(auprc, parts);

        // Source: ERASER metrics.py score_soft_tokens: `_score_aggregator(..., discard_single_class_answers=True)`.
        var coversAll = relevant.All(r => r);
        if (coversAll) run.Flag(RationaleCoversAll);
        var ap = coversAll ? double.NaN : RationaleAgreement.AveragePrecision(scores, relevant);
        parts[new("average_precision")] = ap;
        parts[new("roc_auc")] = RationaleAgreement.RocAuc(scores, relevant);
        return run.Finish(ap, parts);
    }
}
