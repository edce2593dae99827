using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="ShapleySampling"/>. Source: Captum ShapleyValueSampling defaults
/// (25 permutations; the survey used 5), spec/attributors.md.</summary>
public sealed record ShapleySamplingOptions
{
    /// <summary>What is attributed (spec option `objective`); a request that sets its own objective overrides it.</summary>
    // Source: Captum LLMAttribution's attr_target default "log_prob" (captum/attr/_core/llm_attr.py:577).
    public Objective Objective { get; init; } = Objective.LogProb;

    /// <summary>Random permutations of the features averaged over.</summary>
    public int Permutations { get; init; } = 25;

    /// <summary>How an absent feature is taken out (spec/metrics.md section 4).</summary>
    // Source: Captum's LLMAttribution replaces an absent token by the baseline token id 0
    // (TextTokenInput, captum/attr/_utils/interpretable_input.py), not by a zero embedding; it also
    // keeps the empty coalition defined when the region is the whole context.
    public Ablation Ablation { get; init; } = Ablation.Baseline;

    /// <summary>Replacement token for <see cref="Ablation.Pad"/>/<see cref="Ablation.Mask"/>/<see cref="Ablation.Baseline"/> (0 when null there); for
    /// <see cref="Ablation.Remove"/> the token standing for the empty coalition (e.g. BOS).</summary>
    public long? ReplacementTokenId { get; init; }
}
