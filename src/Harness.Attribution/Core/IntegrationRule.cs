namespace Harness.Attribution.Core;

/// <summary>Quadrature rules of Captum's approximation_methods.py, by the same names.</summary>
public enum IntegrationRule
{
    /// <summary>n points from 0 to 1 - 1/n, each weighing 1/n.</summary>
    RiemannLeft,
    /// <summary>n points from 1/n to 1, each weighing 1/n.</summary>
    RiemannRight,
    /// <summary>n midpoints from 1/(2n) to 1 - 1/(2n), each weighing 1/n.</summary>
    RiemannMiddle,
    /// <summary>n points from 0 to 1 weighing 1/n, the first and last halved (Captum's weights, summing to (n - 1)/n).</summary>
    RiemannTrapezoid,
    /// <summary>Gauss-Legendre nodes and weights (numpy's leggauss) mapped from [-1, 1] to [0, 1]; Captum's default.</summary>
    GaussLegendre,

    /// <summary>ReAGent's own rule (not Captum's): steps + 1 points alpha = i / steps, i = 0..steps, each weighing
    /// 1 / (steps + 1), the mean of the gradients (ReAGent grad.py:66-82, steps = 100).</summary>
    Reagent,
}
