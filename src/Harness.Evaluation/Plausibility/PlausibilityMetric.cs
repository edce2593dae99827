using Harness.Evaluation.Core;
using Harness.Scoring;
using Harness.Evaluation.Devices;

namespace Harness.Evaluation.Plausibility;

/// <summary>
/// plausibility (spec/metrics.md section 6): how well the scores find the example's rationale. The value
/// is the average precision; parts: average_precision, token_f1, iou (of the top-|rationale| sources).
/// With grouped sources (words, sentences), a source belongs to the rationale when any of its tokens
/// does (harness choice). No forward passes. An example without a rationale gives NaN flagged
/// "no_rationale", so it never enters an average.
/// </summary>
public sealed class PlausibilityMetric : IMetric
{
    /// <summary>The spec's and YAML's name of this metric.</summary>
    public const string MetricName = "plausibility";

    /// <summary>The registry's entry for this metric.</summary>
    public static MetricDescriptor Descriptor { get; } = new(MetricName, null, _ => new PlausibilityMetric())
    {
        Summary = "plausibility: average precision of the scores against the human rationale (spec/metrics.md 6)",
        AxisTitle = "Average precision (0-1)",
        DeviceTies = DeviceTies.ScoreOrder,
        Passes = PassRule.Fixed("none (scores vs rationale)", "spec/metrics.md 6", _ => PassEstimate.None),
    };
    /// <summary>The example has no rationale to compare with: value NaN.</summary>
    public static readonly MetricFlag NoRationale = new("no_rationale");

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

        var ap = RationaleAgreement.AveragePrecision(input.Scores, relevant);
        return run.Finish(ap, new Dictionary<PartKey, double>
        {
            [new("average_precision")] = ap,
            [new("token_f1")] = RationaleAgreement.TokenF1(input.Scores, relevant),
            [new("iou")] = RationaleAgreement.Iou(input.Scores, relevant),
        });
    }
}
