namespace Harness.Attribution.Core;

/// <summary>Points in [0, 1] and their weights for integrating along a straight path, as Captum's
/// approximation_methods.py computes them (Riemann sums; Gauss-Legendre nodes mapped from [-1, 1]).</summary>
public static class Quadrature
{
    public static (double[] Alphas, double[] Weights) Of(IntegrationRule rule, int steps)
    {
        if (steps < 1 || (rule == IntegrationRule.RiemannTrapezoid && steps < 2))
            throw new AttributionException($"{rule} needs at least {(rule == IntegrationRule.RiemannTrapezoid ? 2 : 1)} steps, got {steps}");
        var n = steps;
        switch (rule)
        {
            case IntegrationRule.RiemannLeft:
                return (Enumerable.Range(0, n).Select(k => (double)k / n).ToArray(), Uniform(n, 1.0 / n));
            case IntegrationRule.RiemannRight:
                return (Enumerable.Range(1, n).Select(k => (double)k / n).ToArray(), Uniform(n, 1.0 / n));
            case IntegrationRule.RiemannMiddle:
                return (Enumerable.Range(0, n).Select(k => (k + 0.5) / n).ToArray(), Uniform(n, 1.0 / n));
            case IntegrationRule.RiemannTrapezoid:
                var weights = Uniform(n, 1.0 / (n - 1));
                weights[0] *= 0.5;
                weights[^1] *= 0.5;
                return (Enumerable.Range(0, n).Select(k => (double)k / (n - 1)).ToArray(), weights);
            default:
                var (nodes, w) = GaussLegendre(n);
                return (nodes.Select(x => (x + 1) / 2).ToArray(), w.Select(x => x / 2).ToArray());
        }
    }

    private static double[] Uniform(int n, double value) => Enumerable.Repeat(value, n).ToArray();

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
