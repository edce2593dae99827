namespace Harness.Attribution.Core;

/// <summary>
/// scikit-learn 1.2's <c>Lasso(alpha, fit_intercept=True, tol, max_iter, selection="cyclic")</c> on
/// float32 data, as ContextCite's solver and Captum's SkLearnLasso (Lime's surrogate) run it (X and y
/// float32, so the coordinate descent runs in float32 and <c>coef_</c>/<c>intercept_</c> are float32).
/// Minimises (1 / 2n) sum_i s_i (y_i - b - x_i . w)^2 + alpha |w|_1, the sample weights s rescaled to sum
/// to n (all 1 without weights). Follows sklearn/linear_model/_cd_fast.pyx enet_coordinate_descent with
/// l1_ratio 1 (beta 0): X and y centred by their (weighted) means and, with weights, each row multiplied
/// by sqrt(s_i) (_base.py _preprocess_data, _rescale_data), l1 penalty alpha * n, a sweep over the
/// features in order, and the duality-gap test whenever the largest coefficient step falls below tol
/// times the largest coefficient (gap &lt; tol * y.y stops). Dot products accumulate in order (BLAS may
/// differ in the last float32 bit).
/// </summary>
public static class ScikitLearnLasso
{
    /// <summary>The float32 fit: coefficients, intercept and the number of sweeps run (sklearn's n_iter_).</summary>
    public sealed record Fit(float[] Coefficients, float Intercept, int Iterations);

    /// <summary>Fits y ~ b + X w with penalty <paramref name="alpha"/> as scikit-learn's Lasso would in float32, with
    /// <paramref name="sampleWeights"/> as <c>fit(X, y, sample_weight)</c> takes them (null: unweighted); stops when
    /// the duality gap falls below <paramref name="tolerance"/> times y.y or after <paramref name="maxIterations"/> sweeps.</summary>
    public static Fit Solve(float[][] x, float[] y, double alpha, double tolerance = 1e-4, int maxIterations = 1000, float[]? sampleWeights = null)
    {
        var (n, p) = (x.Length, x[0].Length);
        if (y.Length != n) throw new ArgumentException($"{n} rows of X but {y.Length} targets");
        if (sampleWeights is not null && sampleWeights.Length != n) throw new ArgumentException($"{n} rows of X but {sampleWeights.Length} sample weights");
        var (columns, yc, xOffset, yOffset) = sampleWeights is null ? Centre(x, y) : CentreWeighted(x, y, sampleWeights);

        // enet_path: l1_reg = alpha * l1_ratio * n_samples, passed to the float32 Cython routine.
        var l1 = (float)(alpha * n);
        var gapTolerance = (float)tolerance * Dot(yc, yc);
        var stepTolerance = (float)tolerance;
        var norms = columns.Select(c => PairwiseSum(c.Select(v => v * v).ToArray())).ToArray();
        var w = new float[p];
        var residual = (float[])yc.Clone();                                                               // R = y - X w, w = 0
        var iterations = maxIterations;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            float wMax = 0, stepMax = 0;
            for (var j = 0; j < p; j++)
            {
                if (norms[j] == 0) continue;
                var previous = w[j];
                if (previous != 0) Axpy(previous, columns[j], residual);
                var rho = Dot(columns[j], residual);
                w[j] = MathF.Sign(rho) * MathF.Max(MathF.Abs(rho) - l1, 0) / norms[j];
                if (w[j] != 0) Axpy(-w[j], columns[j], residual);
                stepMax = MathF.Max(stepMax, MathF.Abs(w[j] - previous));
                wMax = MathF.Max(wMax, MathF.Abs(w[j]));
            }

            if (wMax == 0 || stepMax / wMax < stepTolerance || iteration == maxIterations - 1)
            {
                if (DualityGap(columns, residual, yc, w, l1) < gapTolerance)
                {
                    iterations = iteration + 1;
                    break;
                }
            }
        }

        // _set_intercept: intercept_ = y_offset - X_offset . coef_, in float32.
        var intercept = yOffset - Dot(xOffset, w);
        return new Fit(w, intercept, iterations);
    }

    /// <summary>_preprocess_data without weights: float32 column means (numpy's pairwise sum) subtracted.</summary>
    private static (float[][] Columns, float[] Y, float[] XOffset, float YOffset) Centre(float[][] x, float[] y)
    {
        var n = x.Length;
        var columns = new float[x[0].Length][];
        var xOffset = new float[columns.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            var column = x.Select(row => row[j]).ToArray();
            xOffset[j] = PairwiseSum(column) / n;
            columns[j] = column.Select(v => v - xOffset[j]).ToArray();
        }

        var yOffset = PairwiseSum(y) / n;
        return (columns, y.Select(v => v - yOffset).ToArray(), xOffset, yOffset);
    }

    /// <summary>ElasticNet.fit with sample weights, in float32: the weights times n / their sum (a float64
    /// factor numpy applies in float32), np.average's weighted means subtracted, then every row times
    /// sqrt(weight) (_rescale_data).</summary>
    private static (float[][] Columns, float[] Y, float[] XOffset, float YOffset) CentreWeighted(float[][] x, float[] y, float[] weights)
    {
        var n = x.Length;
        var factor = (float)(n / (double)PairwiseSum(weights));
        var s = weights.Select(v => v * factor).ToArray();
        var total = PairwiseSum(s);
        var root = s.Select(MathF.Sqrt).ToArray();
        var columns = new float[x[0].Length][];
        var xOffset = new float[columns.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            var column = x.Select(row => row[j]).ToArray();
            xOffset[j] = PairwiseSum(column.Select((v, i) => v * s[i]).ToArray()) / total;
            columns[j] = column.Select((v, i) => (v - xOffset[j]) * root[i]).ToArray();
        }

        var yOffset = PairwiseSum(y.Select((v, i) => v * s[i]).ToArray()) / total;
        return (columns, y.Select((v, i) => (v - yOffset) * root[i]).ToArray(), xOffset, yOffset);
    }

    /// <summary>The Lasso duality gap of _cd_fast.pyx (beta 0), in float32.</summary>
    private static float DualityGap(float[][] columns, float[] residual, float[] y, float[] w, float l1)
    {
        var dualNorm = columns.Max(c => MathF.Abs(Dot(c, residual)));                                 // |X^T R|_inf
        var residualNorm2 = Dot(residual, residual);
        float scale, gap;
        if (dualNorm > l1)
        {
            scale = l1 / dualNorm;
            gap = 0.5f * (residualNorm2 + residualNorm2 * (scale * scale));
        }
        else
        {
            scale = 1;
            gap = residualNorm2;
        }

        var l1Norm = w.Aggregate(0f, (sum, v) => sum + MathF.Abs(v));
        return gap + (l1 * l1Norm - scale * Dot(residual, y));
    }

    private static float Dot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static void Axpy(float a, float[] x, float[] y)
    {
        for (var i = 0; i < y.Length; i++) y[i] += a * x[i];
    }

    /// <summary>numpy's float32 sum (pairwise_sum in loops_utils.h): eight interleaved accumulators up
    /// to 128 values, halves (at a multiple of 8) above.</summary>
    internal static float PairwiseSum(ReadOnlySpan<float> a)
    {
        if (a.Length < 8)
        {
            var s = 0f;
            foreach (var v in a) s += v;
            return s;
        }

        if (a.Length <= 128)
        {
            Span<float> r = stackalloc float[8];
            a[..8].CopyTo(r);
            var i = 8;
            for (; i < a.Length - a.Length % 8; i += 8)
                for (var k = 0; k < 8; k++) r[k] += a[i + k];
            var total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < a.Length; i++) total += a[i];
            return total;
        }

        var half = a.Length / 2;
        half -= half % 8;
        return PairwiseSum(a[..half]) + PairwiseSum(a[half..]);
    }
}
