using Harness.Attribution.Core;

namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="Lime"/>. Source: spec/attributors.md (200 masks, ridge/Lasso),
/// Captum Lime (Bernoulli(0.5) masks, exponential kernel on cosine distance, kernel width 1.0).
/// The default surrogate is ridge as the harness's brief chose; Captum's own default is Lasso(0.01).</summary>
public sealed record LimeOptions
{
    /// <summary>Random binary masks (each token kept with probability 0.5).</summary>
    public int Samples { get; init; } = 200;

    /// <summary>Width w of the kernel exp(-d^2 / (2 w^2)), d the cosine distance of the mask to all-ones.</summary>
    public double KernelWidth { get; init; } = 1.0;

    public LimeSurrogate Surrogate { get; init; } = LimeSurrogate.Ridge;

    /// <summary>Penalty strength; null: 1.0 for ridge (scikit-learn), 0.01 for Lasso (Captum).</summary>
    public double? Alpha { get; init; }

    /// <summary>How an absent token is taken out (spec/metrics.md section 4).</summary>
    // Source: Captum's default baseline 0, i.e. the zero embedding; it also keeps the empty
    // coalition defined when the region is the whole context.
    public Ablation Ablation { get; init; } = Ablation.Zero;

    /// <summary>Replacement token for <see cref="Ablation.Pad"/>/<see cref="Ablation.Mask"/>; for
    /// <see cref="Ablation.Remove"/> the token standing for an emptied context (e.g. BOS).</summary>
    public long? ReplacementTokenId { get; init; }
}
