using Harness.Data.Synthetic;
namespace Harness.Evaluation.Statistics;

/// <summary>
/// Paired permutation (sign-flip) test between two attributors on the same examples: under the null
/// hypothesis each example's two values are exchangeable, so the sign of each difference is a fair coin.
/// Statistic: the mean difference; two-sided p = (1 + #{|mean of flipped| >= |observed|}) / (1 + R)
/// (Phipson and Smyth 2010: never 0). With at most 20 pairs every one of the 2^n sign patterns is
/// enumerated and p is exact; otherwise R random patterns from the seed.
/// </summary>
public static class PermutationTest
{
    /// <summary>Random sign patterns R when the test is not exact (more than 20 pairs); p then moves in steps of 1/(1 + R).</summary>
    public const int DefaultPermutations = 10_000;
    private const int ExactUpTo = 20;

    /// <summary>The test's outcome.</summary>
    /// <param name="MeanDifference">Observed mean of value - comparison over the pairs.</param>
    /// <param name="PValue">Two-sided p-value.</param>
    /// <param name="Pairs">Number of pairs tested.</param>
    /// <param name="Exact">True when every sign pattern was enumerated (at most 20 pairs, or none).</param>
    public sealed record Result(double MeanDifference, double PValue, int Pairs, bool Exact);

    /// <summary>The test on <paramref name="pairs"/>: exact up to 20 pairs, else <paramref name="permutations"/> random
    /// sign patterns from <paramref name="seed"/>. No pairs: NaN mean and p.</summary>
    public static Result Run(PairedValues pairs, ulong seed, int permutations = DefaultPermutations)
    {
        if (permutations < 1) throw new ArgumentOutOfRangeException(nameof(permutations), permutations, "at least one permutation");
        var n = pairs.Count;
        if (n == 0) return new Result(double.NaN, double.NaN, 0, Exact: true);
        var differences = Enumerable.Range(0, n).Select(i => pairs.Values[i] - pairs.Comparison[i]).ToArray();
        var observed = differences.Average();
        // A tolerance keeps patterns equal to the observed one (up to summation order) counted as extreme.
        var threshold = Math.Abs(observed) * (1 - 1e-12);

        if (n <= ExactUpTo)
        {
            var extreme = 0L;
            var patterns = 1L << n;
            for (var pattern = 0L; pattern < patterns; pattern++)
            {
                var sum = 0.0;
                for (var i = 0; i < n; i++) sum += (pattern >> i & 1) == 1 ? -differences[i] : differences[i];
                if (Math.Abs(sum / n) >= threshold) extreme++;
            }

            // The identity pattern is among those enumerated, so extreme >= 1: p is exact, not +1-corrected.
            return new Result(observed, (double)extreme / patterns, n, Exact: true);
        }

        var random = new SplitMix64(seed);
        var count = 0;
        for (var r = 0; r < permutations; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++) sum += random.NextBool() ? -differences[i] : differences[i];
            if (Math.Abs(sum / n) >= threshold) count++;
        }

        return new Result(observed, (1.0 + count) / (1.0 + permutations), n, Exact: false);
    }
}
