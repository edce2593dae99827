namespace Harness.Attribution.Core;

/// <summary>Quadrature rules of Captum's approximation_methods.py, by the same names.</summary>
public enum IntegrationRule
{
    RiemannLeft,
    RiemannRight,
    RiemannMiddle,
    RiemannTrapezoid,
    GaussLegendre,
}
