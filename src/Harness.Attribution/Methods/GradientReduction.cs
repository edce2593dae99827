namespace Harness.Attribution.Methods;

/// <summary>How a per-dimension gradient attribution becomes one score per token.</summary>
public enum GradientReduction
{
    /// <summary>L2 norm over the embedding dimension (always >= 0).</summary>
    L2Norm,

    /// <summary>Sum over the embedding dimension (signed).</summary>
    Sum,
}
