namespace Harness.Attribution.Tests;

/// <summary>Shapley values by enumerating every coalition: phi_i = sum over S not holding i of
/// |S|! (n - |S| - 1)! / n! (f(S + i) - f(S)).</summary>
public static class ExactShapley
{
    /// <param name="value">f for each coalition given as a keep-mask over the n features.</param>
    public static double[] Of(int n, Func<IReadOnlyList<bool[]>, double[]> value)
    {
        var masks = Enumerable.Range(0, 1 << n).Select(bits => Enumerable.Range(0, n).Select(j => (bits >> j & 1) == 1).ToArray()).ToList();
        var f = value(masks);
        var phi = new double[n];
        for (var bits = 0; bits < 1 << n; bits++)
        {
            var size = masks[bits].Count(k => k);
            for (var i = 0; i < n; i++)
            {
                if ((bits >> i & 1) == 1) continue;
                phi[i] += Factorial(size) * Factorial(n - size - 1) / Factorial(n) * (f[bits | 1 << i] - f[bits]);
            }
        }

        return phi;
    }

    /// <summary>Relative L2 error |estimate - exact| / |exact|.</summary>
    public static double RelativeError(IReadOnlyList<float> estimate, IReadOnlyList<double> exact) =>
        Math.Sqrt(exact.Select((e, i) => (estimate[i] - e) * (estimate[i] - e)).Sum()) / Math.Sqrt(exact.Sum(e => e * e));

    private static double Factorial(int k) => k <= 1 ? 1 : k * Factorial(k - 1);
}
