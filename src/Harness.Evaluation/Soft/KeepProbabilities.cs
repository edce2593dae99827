namespace Harness.Evaluation.Soft;

/// <summary>
/// Keep probabilities q of the attributed units from their scores: Soft-NS/NC's normalisation
/// (spec/metrics.md section 1) and the pi variants' water-filling (section 3). Pure functions on arrays.
/// </summary>
public static class KeepProbabilities
{
    /// <summary>q_i for Soft-S: the scores after <paramref name="negative"/> and <paramref name="normalize"/>,
    /// clamped to [0, 1] (a Bernoulli probability; scores as produced may exceed 1).</summary>
    public static double[] FromScores(IReadOnlyList<float> scores, NegativeScores negative, ScoreNormalization normalize)
    {
        var s = NonNegative(scores, negative);
        if (s.Length == 0) return s;
        double[] normalised;
        switch (normalize)
        {
            case ScoreNormalization.None:
                normalised = s;
                break;
            case ScoreNormalization.Protocol:
                throw new ArgumentException("`protocol` is resolved to a transform per attributor before scores become keep probabilities", nameof(normalize));
            case ScoreNormalization.MinMax:
                var (min, max) = (s.Min(), s.Max());
                normalised = s.Select(x => max > min ? (x - min) / (max - min) : 0).ToArray();
                break;
            case ScoreNormalization.Sigmoid:
                normalised = s.Select(x => 1 / (1 + Math.Exp(-x))).ToArray();
                break;
            case ScoreNormalization.Softmax:
                normalised = Softmax(s);
                break;
            case ScoreNormalization.Sum:
                var sum = s.Sum(Math.Abs);
                normalised = s.Select(x => sum > 0 ? x / sum : 0).ToArray();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(normalize), normalize, "unknown normalisation");
        }

        return normalised.Select(x => Math.Clamp(x, 0, 1)).ToArray();
    }

    /// <summary>softmax over the raw scores, negatives included: what the ReAGent code feeds its evaluators
    /// (importance_score_evaluator/grad.py:94), hence no `negative` rule before it.</summary>
    public static double[] RawSoftmax(IReadOnlyList<float> scores) => Softmax(scores.Select(s => (double)s).ToArray());

    private static double[] Softmax(double[] s)
    {
        if (s.Length == 0) return s;
        var top = s.Max();
        var exp = s.Select(x => Math.Exp(x - top)).ToArray();
        var total = exp.Sum();
        return exp.Select(x => x / total).ToArray();
    }

    /// <summary>The scores after the `negative` rule, as doubles (all >= 0).</summary>
    public static double[] NonNegative(IReadOnlyList<float> scores, NegativeScores negative) => negative switch
    {
        NegativeScores.Clip => scores.Select(s => Math.Max(0.0, s)).ToArray(),
        NegativeScores.Abs => scores.Select(s => Math.Abs((double)s)).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(negative), negative, "unknown negative rule"),
    };

    /// <summary>
    /// q_i(pi) of spec/metrics.md section 3 (harness definition): with s normalised to sum 1, the c >= 0
    /// for which (1/L) sum_i min(1, c s_i) = pi, and q_i = min(1, c s_i). Solved exactly by water-filling:
    /// with the j largest scores saturated at 1, c = (pi L - j) / (sum of the other scores), the smallest
    /// j for which c keeps the (j+1)-th score at or below 1. When fewer than pi L units have a positive
    /// score, those get 1 and the remainder pi L - K is spread uniformly over the L - K zero-score units,
    /// so the mean is still pi; equal scores give q_i = pi exactly. The scale of s does not matter (c absorbs
    /// it), so the sum-1 normalisation is implicit.
    /// </summary>
    /// <param name="scores">Non-negative scores, one per attributed unit (after the `negative` rule).</param>
    /// <param name="pi">The expected keep fraction, in (0, 1).</param>
    public static double[] AtFraction(IReadOnlyList<double> scores, double pi)
    {
        if (!(pi > 0 && pi < 1)) throw new ArgumentOutOfRangeException(nameof(pi), pi, "pi must lie in (0, 1)");
        if (scores.Any(s => !(s >= 0) || double.IsInfinity(s))) throw new ArgumentException("scores must be finite and non-negative", nameof(scores));
        var l = scores.Count;
        // Equal scores (uniform, constant or all zero) keep every unit with pi itself, exactly (the
        // general formula below would round pi L / L).
        if (scores.All(s => s == scores[0])) return Enumerable.Repeat(pi, l).ToArray();
        var budget = pi * l;
        var positive = Enumerable.Range(0, l).Where(i => scores[i] > 0).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        var q = new double[l];
        if (positive.Length <= budget)
        {
            // Every positive unit saturates; the rest of the budget goes to the zero-score units.
            var share = (budget - positive.Length) / (l - positive.Length);
            for (var i = 0; i < l; i++) q[i] = scores[i] > 0 ? 1 : share;
            return q;
        }

        // rest[j] = sum of the positive scores from rank j on (smallest first, for accuracy).
        var rest = new double[positive.Length + 1];
        for (var j = positive.Length - 1; j >= 0; j--) rest[j] = rest[j + 1] + scores[positive[j]];
        for (var saturated = 0; saturated < positive.Length; saturated++)
        {
            var c = (budget - saturated) / rest[saturated];
            if (c * scores[positive[saturated]] > 1) continue;
            for (var i = 0; i < l; i++) q[i] = Math.Min(1, c * scores[i]);
            return q;
        }

        throw new InvalidOperationException("water-filling found no level; unreachable when fewer than pi L units saturate");
    }
}
