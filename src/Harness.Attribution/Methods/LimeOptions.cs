using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="Lime"/>. Source: spec/attributors.md (200 masks, ridge/Lasso),
/// Captum Lime (Bernoulli(0.5) masks, exponential kernel on cosine distance, kernel width 1.0).
/// The default surrogate is ridge as the harness's brief chose; Captum's own default is Lasso(0.01).</summary>
public sealed record LimeOptions
{
    /// <summary>What is attributed (spec option `objective`); a request that sets its own objective overrides it.</summary>
    // Source: Captum LLMAttribution's attr_target default "log_prob" (captum/attr/_core/llm_attr.py:577).
    public Objective Objective { get; init; } = Objective.LogProb;

    /// <summary>Random binary masks (each token kept with probability 0.5).</summary>
    public int Samples { get; init; } = 200;

    /// <summary>Width w of the kernel exp(-d^2 / (2 w^2)), d the cosine distance of the mask to all-ones.</summary>
    public double KernelWidth { get; init; } = 1.0;

    /// <summary>The linear model fitted to the perturbed samples (ridge by default).</summary>
    public LimeSurrogate Surrogate { get; init; } = LimeSurrogate.Ridge;

    /// <summary>Penalty strength; null: 1.0 for ridge (scikit-learn), 0.01 for Lasso (Captum).</summary>
    public double? Alpha { get; init; }

    /// <summary>How an absent token is taken out (spec/metrics.md section 4).</summary>
    // Source: Captum's LLMAttribution replaces an absent token by the baseline token id 0
    // (TextTokenInput, captum/attr/_utils/interpretable_input.py), not by a zero embedding; it also
    // keeps the empty coalition defined when the region is the whole context.
    public Ablation Ablation { get; init; } = Ablation.Baseline;

    /// <summary>Replacement token for <see cref="Ablation.Pad"/>/<see cref="Ablation.Mask"/>/<see cref="Ablation.Baseline"/> (0 when null there); for
    /// <see cref="Ablation.Remove"/> the token standing for an emptied context (e.g. BOS).</summary>
    public long? ReplacementTokenId { get; init; }
}
