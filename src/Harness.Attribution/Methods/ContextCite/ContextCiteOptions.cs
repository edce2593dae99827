using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="ContextCite"/>. Source: ContextCite code (64 ablations, keep
/// probability 0.5, Lasso alpha 0.01 on standardised masks, sources' text removed from the prompt).</summary>
public sealed record ContextCiteOptions
{
    /// <summary>Random source ablations N.</summary>
    public int Ablations { get; init; } = 64;

    /// <summary>Probability that a source stays in an ablated context.</summary>
    public double KeepProbability { get; init; } = 0.5;

    /// <summary>How the ablation masks are drawn: as ContextCite's code does (the default, so the same example gets
    /// the reference's masks), or from the harness's generator seeded by each item's seed.</summary>
    public MaskDraw Draw { get; init; } = MaskDraw.ContextCite;

    /// <summary>ContextCite's base_seed: with <see cref="MaskDraw.ContextCite"/>, mask i comes from seed base_seed + i
    /// (the same masks for every example with the same number of sources, as in ContextCite's code); numpy takes 0 to
    /// 2^32 - 1.</summary>
    public long BaseSeed { get; init; }

    /// <summary>The Lasso penalty alpha of the surrogate fit (scikit-learn's objective, see <see cref="ScikitLearnLasso"/>).</summary>
    public double LassoAlpha { get; init; } = 0.01;

    /// <summary>How a source is taken out. Null (the default): as ContextCite does, its text is taken out of the prompt
    /// and the prompt encoded again (<see cref="Ablation.Text"/>) where the request carries the prompt's text, and its
    /// tokens are removed (<see cref="Ablation.Remove"/>) where it does not (token-id prompts, generation steps).
    /// AT2's own code masks attention (`attention`).</summary>
    public Ablation? Ablation { get; init; }

    /// <summary>The ablation a request gets: <see cref="Ablation"/>, or ContextCite's text ablation where the request
    /// carries the prompt's text and token removal where not.</summary>
    public Ablation AblationFor(ScoringRequest request) =>
        Ablation ?? (request.SourceText is null ? Scoring.Ablation.Remove : Scoring.Ablation.Text);

    /// <summary>Replacement token for <see cref="Ablation.Pad"/>/<see cref="Ablation.Mask"/>/<see cref="Ablation.Baseline"/> (0 when null there); for
    /// <see cref="Ablation.Remove"/> and <see cref="Ablation.Text"/> the token standing for an emptied context (e.g. BOS).</summary>
    public long? ReplacementTokenId { get; init; }
}

/// <summary>Where <see cref="ContextCite"/>'s random ablation masks come from.</summary>
public enum MaskDraw
{
    /// <summary>ContextCite's _create_mask: mask i is numpy's RandomState(base_seed + i).choice([False, True], size=n,
    /// p=[1 - keep, keep]) (<see cref="NumpyRandomState.AblationMasks"/>), whatever the item's seed.</summary>
    ContextCite,

    /// <summary>The harness's generator seeded by the item's seed (a stream apart from the LDS masks' draw from the same
    /// seed): other masks for every item and seed.</summary>
    Seeded,
}
