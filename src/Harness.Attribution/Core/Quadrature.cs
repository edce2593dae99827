namespace Harness.Attribution.Core;

/// <summary>Points in [0, 1] and their step sizes for integrating along a straight path, exactly as
/// Captum's approximation_methods.py builds them: the Riemann rules take step sizes 1/n (the
/// trapezoid halves the first and last, so they sum to (n - 1)/n, a Captum quirk, lines 66-72) at
/// float32 torch.linspace points (lines 74-83); Gauss-Legendre maps numpy's leggauss from [-1, 1]
/// (lines 126-137).</summary>
public static class Quadrature
{
    /// <summary>The points alpha in [0, 1] and their weights of <paramref name="rule"/> with <paramref name="steps"/> steps (Reagent gives steps + 1 points); too few steps throw an <see cref="AttributionException"/>.</summary>
    public static (double[] Alphas, double[] Weights) Of(IntegrationRule rule, int steps)
    {
        if (steps < 1 || (rule != IntegrationRule.GaussLegendre && steps < 2))
            throw new AttributionException($"{rule} needs at least {(rule == IntegrationRule.GaussLegendre ? 1 : 2)} steps, got {steps}");
        var n = steps;
        switch (rule)
        {
            case IntegrationRule.RiemannLeft:
                return (Linspace(0, 1 - 1.0 / n, n), Uniform(n, 1.0 / n));
            case IntegrationRule.RiemannRight:
                return (Linspace(1.0 / n, 1, n), Uniform(n, 1.0 / n));
            case IntegrationRule.RiemannMiddle:
                return (Linspace(1.0 / (2 * n), 1 - 1.0 / (2 * n), n), Uniform(n, 1.0 / n));
            case IntegrationRule.Reagent:
                // Python floats i / steps (float64), as ReAGent's `word_token_embeds * (i / path_integral_steps)`.
                return (Enumerable.Range(0, n + 1).Select(i => (double)i / n).ToArray(), Uniform(n + 1, 1.0 / (n + 1)));
            case IntegrationRule.RiemannTrapezoid:
                var weights = Uniform(n, 1.0 / n);
                weights[0] /= 2;
                weights[^1] /= 2;
                return (Linspace(0, 1, n), weights);
            default:
                var (nodes, w) = GaussLegendre(n);
                return (nodes.Select(x => 0.5 * (1 + x)).ToArray(), w.Select(x => 0.5 * x).ToArray());
        }
    }

    private static double[] Uniform(int n, double value) => Enumerable.Repeat(value, n).ToArray();

    /// <summary>torch.linspace(start, end, n) in float32 (default dtype), as Captum's .tolist() widens
    /// it: the ends rounded to float32, step (end - start)/(n - 1), the first half counted up from the
    /// start and the second half down from the end (ATen's RangeFactoriesKernel, scalar since PyTorch 2.0,
    /// pytorch/pytorch#89048; torch 1.13's CPU kernel was vectorised and differs by an ulp at some n, e.g. 50).</summary>
    private static double[] Linspace(double start, double end, int n)
    {
        var (a, b) = ((float)start, (float)end);
        var step = (b - a) / (n - 1);
        var halfway = n / 2;
        return Enumerable.Range(0, n).Select(i => (double)(i < halfway ? a + step * i : b - step * (n - i - 1))).ToArray();
    }

    /// <summary>Nodes and weights on [-1, 1] by Newton's method on the Legendre polynomial P_n
    /// (ascending nodes, like numpy.polynomial.legendre.leggauss).</summary>
    private static (double[] Nodes, double[] Weights) GaussLegendre(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            var x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (var iteration = 0; iteration < 100; iteration++)
            {
                double p0 = 1, p1 = x;
                for (var k = 2; k <= n; k++) (p0, p1) = (p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k);
                var pn = n == 1 ? x : p1;
                var pPrevious = n == 1 ? 1 : p0;
                derivative = n * (x * pn - pPrevious) / (x * x - 1);
                var step = pn / derivative;
                x -= step;
                if (Math.Abs(step) < 1e-15) break;
            }

            nodes[n - 1 - i] = x;
            weights[n - 1 - i] = 2 / ((1 - x * x) * derivative * derivative);
        }

        return (nodes, weights);
    }
}
