using Harness.Attribution.Core;

namespace Harness.Attribution.Methods;

/// <summary>
/// ContextCite's surrogate, step for step as the reference code computes it (context_cite 0e646f5):
/// the output of an ablation is the logit of the response's joint probability, in float32
/// (utils.py:154 aggregate_logit_probs), and <see cref="Fit"/> is solver.py:41 LassoRegression.fit:
/// float32 masks standardised by StandardScaler (float64 mean and population std), a float32
/// scikit-learn Lasso fitted to output / m, and the coefficients mapped back to the unstandardised
/// masks and multiplied by m (m response tokens). Precision: float32 where the reference is float32
/// (the official path), float64 where it is float64 (the scaler and the final weights).
/// </summary>
public static class ContextCiteSurrogate
{
    /// <summary>The surrogate y ~ Bias + mask . Weights (a mask entry 1: the source kept).</summary>
    public sealed record Fit(double[] Weights, double Bias, int LassoIterations);

    /// <summary>utils.py:157-162: lp = sum_t logsigmoid(l_t), out = lp - log1p(-exp(lp)), in float32,
    /// for the token logit-probabilities l_t = log p_t - log(1 - p_t) of one ablation.</summary>
    public static float Aggregate(ReadOnlySpan<float> tokenLogitProbabilities)
    {
        var logP = 0f;
        // torch's log_sigmoid: min(l, 0) - log1p(exp(-|l|)).
        foreach (var l in tokenLogitProbabilities) logP += MathF.Min(l, 0) - (float)LogOnePlus(MathF.Exp(-MathF.Abs(l)));
        return LogitOfJointProbability(logP);
    }

    /// <summary>lp - log1p(-exp(lp)) in float32 for a response's log-probability lp. A response the
    /// model is certain of (exp(lp) = 1 in float32) would give +inf, which the reference's Lasso rejects;
    /// lp is capped just below that instead.</summary>
    public static float LogitOfJointProbability(float logP)
    {
        // Largest float32 lp with exp(lp) < 1: about -2^-24 (exp rounds to 1 above).
        const float MaxLogP = -6e-8f;
        var lp = MathF.Min(logP, MaxLogP);
        return lp - (float)LogOnePlus(-MathF.Exp(lp));
    }

    /// <summary>log(1 + x) without cancellation for small x.</summary>
    private static double LogOnePlus(double x) => Math.Abs(x) < 1e-4 ? x - x * x / 2 + x * x * x / 3 : Math.Log(1 + x);

    /// <summary>solver.py:41-54 on <paramref name="keepMasks"/> (rows of 0/1 per source) and the
    /// float32 <paramref name="outputs"/> of <see cref="Aggregate"/>, for a response of
    /// <paramref name="responseTokens"/> tokens.</summary>
    public static Fit FitOutputs(IReadOnlyList<IReadOnlyList<bool>> keepMasks, IReadOnlyList<float> outputs, int responseTokens, double lassoAlpha = 0.01)
    {
        if (keepMasks.Count != outputs.Count) throw new ArgumentException($"{keepMasks.Count} masks but {outputs.Count} outputs");
        if (responseTokens < 1) throw new ArgumentException($"a response of {responseTokens} tokens");
        var n = keepMasks.Count;
        var p = keepMasks[0].Count;
        var (mean, scale) = StandardScaler(keepMasks);
        // StandardScaler.transform works in place on the float32 copy: each operation is done in
        // float64 (float64 mean_ and scale_) and rounded back to float32.
        var x = keepMasks.Select(row => row.Select((k, j) => (float)((float)((k ? 1.0 : 0.0) - mean[j]) / scale[j])).ToArray()).ToArray();
        var y = outputs.Select(o => o / responseTokens).ToArray();                                        // float32 / int: float32
        var lasso = ScikitLearnLasso.Solve(x, y, lassoAlpha);
        var weights = lasso.Coefficients.Select((c, j) => c / scale[j] * responseTokens).ToArray();
        var shift = lasso.Coefficients.Select((c, j) => mean[j] / scale[j] * c).Sum();
        return new Fit(weights, (lasso.Intercept - shift) * responseTokens, lasso.Iterations);
    }

    /// <summary>StandardScaler's mean_ and scale_ in float64 (population std; a constant column gets
    /// scale 1), with _incremental_mean_and_var's corrected two-pass variance.</summary>
    private static (double[] Mean, double[] Scale) StandardScaler(IReadOnlyList<IReadOnlyList<bool>> masks)
    {
        var (n, p) = (masks.Count, masks[0].Count);
        var mean = new double[p];
        var scale = new double[p];
        for (var j = 0; j < p; j++)
        {
            var column = masks.Select(row => row[j] ? 1.0 : 0.0).ToArray();
            mean[j] = column.Sum() / n;
            var deviations = column.Select(v => v - mean[j]).ToArray();
            var correction = deviations.Sum();
            var variance = (deviations.Sum(d => d * d) - correction * correction / n) / n;
            // _is_constant_feature: a variance within rounding of 0 means a constant column, scale 1.
            const double Eps = 2.220446049250313e-16;
            var constant = variance <= n * Eps * variance + (n * mean[j] * Eps) * (n * mean[j] * Eps);
            scale[j] = constant ? 1 : Math.Sqrt(variance);
        }

        return (mean, scale);
    }
}
