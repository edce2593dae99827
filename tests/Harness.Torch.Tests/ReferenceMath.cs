namespace Harness.Torch.Tests;

/// <summary>Float64 reference implementations, written from the textbook definitions, that the
/// tests compare libtorch's results with.</summary>
internal static class ReferenceMath
{
    /// <summary>erf by its Maclaurin series 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1)); about
    /// 1e-14 accurate on [-3, 3], the only range the tests use (.NET has no Math.Erf).</summary>
    public static double Erf(double x)
    {
        if (Math.Abs(x) > 3) throw new ArgumentOutOfRangeException(nameof(x), x, "the series reference is only used on [-3, 3]");
        double term = x, sum = x;
        for (var n = 1; n < 200; n++)
        {
            term *= -x * x / n;
            var next = term / (2 * n + 1);
            sum += next;
            if (Math.Abs(next) < 1e-18) break;
        }

        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    /// <summary>GELU, exact form: x * Phi(x) = x/2 * (1 + erf(x / sqrt 2)) (Hendrycks &amp; Gimpel 2016).</summary>
    public static double Gelu(double x) => 0.5 * x * (1 + Erf(x / Math.Sqrt(2)));

    /// <summary>GELU, tanh approximation: x/2 * (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).</summary>
    public static double GeluTanh(double x) => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>[n, k] x [k, m] row-major matrix product.</summary>
    public static double[] MatMul(double[] a, double[] b, int n, int k, int m)
    {
        var c = new double[n * m];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < m; j++)
            {
                double s = 0;
                for (var l = 0; l < k; l++) s += a[i * k + l] * b[l * m + j];
                c[i * m + j] = s;
            }

        return c;
    }

    /// <summary>Softmax of each row of a [rows, cols] row-major matrix.</summary>
    public static double[] SoftmaxRows(double[] x, int rows, int cols)
    {
        var y = new double[x.Length];
        for (var r = 0; r < rows; r++)
        {
            var row = x.AsSpan(r * cols, cols);
            var max = double.NegativeInfinity;
            foreach (var v in row) max = Math.Max(max, v);
            double sum = 0;
            for (var c = 0; c < cols; c++) sum += Math.Exp(row[c] - max);
            for (var c = 0; c < cols; c++) y[r * cols + c] = Math.Exp(row[c] - max) / sum;
        }

        return y;
    }

    /// <summary>log(sum(exp(row))) of each row, computed stably.</summary>
    public static double[] LogSumExpRows(double[] x, int rows, int cols)
    {
        var y = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            var row = x.AsSpan(r * cols, cols);
            var max = double.NegativeInfinity;
            foreach (var v in row) max = Math.Max(max, v);
            double sum = 0;
            foreach (var v in row) sum += Math.Exp(v - max);
            y[r] = max + Math.Log(sum);
        }

        return y;
    }

    /// <summary>A deterministic pseudo-random array in [-1, 1) (a linear congruential sequence), for
    /// reference computations that need inputs independent of libtorch.</summary>
    public static double[] Values(int count, int seed)
    {
        var result = new double[count];
        var state = (ulong)seed * 6364136223846793005UL + 1442695040888963407UL;
        for (var i = 0; i < count; i++)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            result[i] = (state >> 11) * (1.0 / (1UL << 53)) * 2 - 1;
        }

        return result;
    }
}
