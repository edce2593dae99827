using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="ContextCite"/>. Source: ContextCite code (64 ablations, keep
/// probability 0.5, Lasso alpha 0.01 on standardised masks, sources removed from the prompt).</summary>
public sealed record ContextCiteOptions
{
    /// <summary>Random source ablations N.</summary>
    public int Ablations { get; init; } = 64;

    /// <summary>Probability that a source stays in an ablated context.</summary>
    public double KeepProbability { get; init; } = 0.5;

    /// <summary>The Lasso penalty alpha of the surrogate fit (scikit-learn's objective, see <see cref="ScikitLearnLasso"/>).</summary>
    public double LassoAlpha { get; init; } = 0.01;

    /// <summary>How a source is taken out (ContextCite removes it; AT2 masks attention).</summary>
    public Ablation Ablation { get; init; } = Ablation.Remove;

    /// <summary>Replacement token for <see cref="Ablation.Pad"/>/<see cref="Ablation.Mask"/>/<see cref="Ablation.Baseline"/> (0 when null there); for
    /// <see cref="Ablation.Remove"/> the token standing for an emptied context (e.g. BOS).</summary>
    public long? ReplacementTokenId { get; init; }
}
