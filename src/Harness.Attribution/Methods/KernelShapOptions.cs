using Harness.Attribution.Core;

namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="KernelShap"/>. Source: spec/attributors.md (200 samples), Captum
/// KernelShap's sampling of coalition sizes.</summary>
public sealed record KernelShapOptions
{
    /// <summary>Coalitions drawn besides the empty and the full one; when at least 2^L - 2, every
    /// coalition is enumerated instead and the result is the exact Shapley value.</summary>
    public int Samples { get; init; } = 200;

    /// <summary>How an absent feature is taken out (spec/metrics.md section 4).</summary>
    // Source: Captum's default baseline 0, i.e. the zero embedding; it also keeps the empty
    // coalition defined when the region is the whole context.
    public Ablation Ablation { get; init; } = Ablation.Zero;

    /// <summary>Replacement token for <see cref="Ablation.Pad"/>/<see cref="Ablation.Mask"/>; for
    /// <see cref="Ablation.Remove"/> the token standing for the empty coalition (e.g. BOS).</summary>
    public long? ReplacementTokenId { get; init; }
}
