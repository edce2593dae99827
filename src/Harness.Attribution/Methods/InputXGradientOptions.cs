namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="InputXGradient"/>. Source: Inseq (L2 norm by default).</summary>
public sealed record InputXGradientOptions
{
    public GradientReduction Reduction { get; init; } = GradientReduction.L2Norm;
}
