using Harness.Attribution.Core;

namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="ShapleySampling"/>. Source: Captum ShapleyValueSampling defaults
/// (25 permutations; the survey used 5), spec/attributors.md.</summary>
public sealed record ShapleySamplingOptions
{
    /// <summary>Random permutations of the features averaged over.</summary>
    public int Permutations { get; init; } = 25;

    /// <summary>How an absent feature is taken out (spec/metrics.md section 4).</summary>
    // Source: Captum's default baseline 0, i.e. the zero embedding; it also keeps the empty
    // coalition defined when the region is the whole context.
    public Ablation Ablation { get; init; } = Ablation.Zero;

    /// <summary>Replacement token for <see cref="Ablation.Pad"/>/<see cref="Ablation.Mask"/>; for
    /// <see cref="Ablation.Remove"/> the token standing for the empty coalition (e.g. BOS).</summary>
    public long? ReplacementTokenId { get; init; }
}
