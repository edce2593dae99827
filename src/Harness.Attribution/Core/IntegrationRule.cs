namespace Harness.Attribution.Core;

/// <summary>Quadrature rules of Captum's approximation_methods.py, by the same names.</summary>
public enum IntegrationRule
{
    RiemannLeft,
    RiemannRight,
    RiemannMiddle,
    RiemannTrapezoid,
    GaussLegendre,

    /// <summary>ReAGent's own rule (not Captum's): steps + 1 points alpha = i / steps, i = 0..steps, each weighing
    /// 1 / (steps + 1), the mean of the gradients (ReAGent grad.py:66-82, steps = 100).</summary>
    Reagent,
}
