using Harness.Data.Synthetic;
namespace Harness.Evaluation.Statistics;

/// <summary>Paired percentile bootstrap (Efron and Tibshirani 1993, ch. 13): resample example indices
/// with replacement, keep each example's two values together, recompute the statistic; the interval is
/// the (1 - level)/2 and (1 + level)/2 quantiles of the resampled statistics (linear interpolation, as
/// numpy.quantile's default). Seeded: the same seed gives the same interval bit for bit.</summary>
public static class PairedBootstrap
{
    /// <summary>The <paramref name="statistic"/> of <paramref name="pairs"/> with its percentile interval at
    /// <paramref name="level"/> over <paramref name="resamples"/> seeded resamples; non-finite replicates are skipped.
    /// No pairs: NaN everywhere; no finite replicate: NaN bounds.</summary>
    public static ConfidenceInterval Interval(
        PairedValues pairs, Func<IReadOnlyList<double>, IReadOnlyList<double>, double> statistic, ulong seed, int resamples, double level)
    {
        if (resamples < 1) throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "at least one resample");
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), level, "the level lies in (0, 1)");
        if (pairs.Count == 0) return new ConfidenceInterval(double.NaN, double.NaN, double.NaN, level);

        var estimate = statistic(pairs.Values, pairs.Comparison);
        var random = new SplitMix64(seed);
        var n = pairs.Count;
        var (a, b) = (new double[n], new double[n]);
        var replicates = new List<double>(resamples);
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < n; i++)
            {
                var j = random.Next(n);
                a[i] = pairs.Values[j];
                b[i] = pairs.Comparison[j];
            }

            var value = statistic(a, b);
            if (double.IsFinite(value)) replicates.Add(value);
        }

        if (replicates.Count == 0) return new ConfidenceInterval(estimate, double.NaN, double.NaN, level);
        replicates.Sort();
        return new ConfidenceInterval(estimate, Quantile(replicates, (1 - level) / 2), Quantile(replicates, (1 + level) / 2), level);
    }

    /// <summary>The q-quantile of sorted values with linear interpolation between order statistics.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
