namespace Harness.Evaluation.Statistics;

/// <summary>
/// An attributor against the random attributor evaluated on the same examples with the same random
/// streams (spec/metrics.md section 2, ReAGent's tables): log(mean_FA / mean_random). At token level the
/// values are per example; at sequence level they are per-prompt means, so the ratio of sums over prompts
/// the spec asks for equals this ratio of means (same prompt count). 0 means no better than random.
/// The interval is a paired bootstrap: examples resampled with replacement, the ratio recomputed.
/// </summary>
public static class RandomBaselineRatio
{
    /// <summary>Source: spec/metrics.md section 2 (1000 resamples, 95%).</summary>
    public const int DefaultResamples = 1000;

    /// <summary>log(mean(<paramref name="values"/>) / mean(<paramref name="random"/>)); NaN when either mean is not positive.</summary>
    public static double LogRatio(IReadOnlyList<double> values, IReadOnlyList<double> random)
    {
        var (a, b) = (values.Average(), random.Average());
        // A non-positive mean has no log: NaN says so instead of a number that looks like one.
        return a > 0 && b > 0 ? Math.Log(a / b) : double.NaN;
    }

    /// <summary>The log ratio with its paired bootstrap interval; NaN everywhere when no pair is left.</summary>
    public static ConfidenceInterval Estimate(PairedValues pairs, ulong seed, int resamples = DefaultResamples, double level = 0.95) =>
        PairedBootstrap.Interval(pairs, LogRatio, seed, resamples, level);
}
