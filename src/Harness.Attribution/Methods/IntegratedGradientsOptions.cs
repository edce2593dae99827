using Harness.Attribution.Core;

namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="IntegratedGradients"/>. Source: spec/attributors.md (Captum's
/// 50 steps; Riemann trapezoid as the spec names it, where Captum defaults to Gauss-Legendre).</summary>
public sealed record IntegratedGradientsOptions
{
    public int Steps { get; init; } = 50;

    public IntegrationRule Method { get; init; } = IntegrationRule.RiemannTrapezoid;
}
