namespace Harness.Attribution.Core;

/// <summary>
/// Weighted least squares in float64, with an optional ridge penalty (solved through the normal
/// equations): lime's ridge surrogate and kernel_shap's constrained regression. With an intercept, X
/// and y are centred by their weighted means first and the intercept is not penalised (scikit-learn's
/// rule). Lasso surrogates reproduce scikit-learn's float32 coordinate descent instead
/// (<see cref="ScikitLearnLasso"/>).
/// </summary>
public static class WeightedLinearSurrogate
{
    /// <summary>A fitted model y ~ Intercept + X . Coefficients.</summary>
    public sealed record Fit(double[] Coefficients, double Intercept);

    /// <summary>Minimises sum_i w_i (y_i - b - x_i . beta)^2 + ridge |beta|^2 (scikit-learn's Ridge
    /// with sample weights; ridge 0 is ordinary weighted least squares). A direction the data does not
    /// determine (a rank-deficient system without ridge) gets coefficient 0.</summary>
    public static Fit LeastSquares(IReadOnlyList<double[]> x, IReadOnlyList<double> y, IReadOnlyList<double>? weights = null, double ridge = 0, bool fitIntercept = true)
    {
        var (xc, yc, w, xMean, yMean) = Centre(x, y, weights, fitIntercept);
        var p = xMean.Length;
        var gram = new double[p, p];
        var moment = new double[p];
        for (var i = 0; i < xc.Length; i++)
        {
            for (var j = 0; j < p; j++)
            {
                var wx = w[i] * xc[i][j];
                moment[j] += wx * yc[i];
                for (var k = j; k < p; k++) gram[j, k] += wx * xc[i][k];
            }
        }

        for (var j = 0; j < p; j++)
        {
            gram[j, j] += ridge;
            for (var k = 0; k < j; k++) gram[j, k] = gram[k, j];
        }

        var beta = Solve(gram, moment);
        return new Fit(beta, Intercept(beta, xMean, yMean));
    }

    private static (double[][] X, double[] Y, double[] W, double[] XMean, double[] YMean) Centre(
        IReadOnlyList<double[]> x, IReadOnlyList<double> y, IReadOnlyList<double>? weights, bool fitIntercept)
    {
        var n = x.Count;
        if (n == 0) throw new ArgumentException("no samples to fit");
        if (y.Count != n) throw new ArgumentException($"{n} rows of X but {y.Count} targets");
        if (weights is not null && weights.Count != n) throw new ArgumentException($"{n} rows of X but {weights.Count} weights");
        var p = x[0].Length;
        var w = weights?.ToArray() ?? Enumerable.Repeat(1.0, n).ToArray();
        var total = w.Sum();
        if (!(total > 0)) throw new ArgumentException("the sample weights must have a positive sum");
        var xMean = new double[p];
        var yMean = 0.0;
        if (fitIntercept)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < p; j++) xMean[j] += w[i] * x[i][j] / total;
                yMean += w[i] * y[i] / total;
            }
        }

        var xc = x.Select(row => row.Select((v, j) => v - xMean[j]).ToArray()).ToArray();
        var yc = y.Select(v => v - yMean).ToArray();
        return (xc, yc, w, xMean, [yMean]);
    }

    private static double Intercept(double[] beta, double[] xMean, double[] yMean) =>
        yMean[0] - beta.Select((b, j) => b * xMean[j]).Sum();

    /// <summary>Gaussian elimination with partial pivoting of a symmetric positive semi-definite system;
    /// a pivot negligible against the matrix's scale leaves its unknown at 0.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var p = b.Length;
        var m = (double[,])a.Clone();
        var r = (double[])b.Clone();
        var scale = 0.0;
        for (var j = 0; j < p; j++) scale = Math.Max(scale, Math.Abs(m[j, j]));
        var negligible = Math.Max(scale, 1e-300) * 1e-12;
        var pivotless = new bool[p];
        for (var col = 0; col < p; col++)
        {
            var best = col;
            for (var row = col + 1; row < p; row++)
                if (Math.Abs(m[row, col]) > Math.Abs(m[best, col])) best = row;
            if (Math.Abs(m[best, col]) <= negligible)
            {
                pivotless[col] = true;
                continue;
            }

            if (best != col)
            {
                for (var k = 0; k < p; k++) (m[col, k], m[best, k]) = (m[best, k], m[col, k]);
                (r[col], r[best]) = (r[best], r[col]);
            }

            for (var row = col + 1; row < p; row++)
            {
                var factor = m[row, col] / m[col, col];
                if (factor == 0) continue;
                for (var k = col; k < p; k++) m[row, k] -= factor * m[col, k];
                r[row] -= factor * r[col];
            }
        }

        var solution = new double[p];
        for (var col = p - 1; col >= 0; col--)
        {
            if (pivotless[col]) continue;
            var sum = r[col];
            for (var k = col + 1; k < p; k++) sum -= m[col, k] * solution[k];
            solution[col] = sum / m[col, col];
        }

        return solution;
    }
}
