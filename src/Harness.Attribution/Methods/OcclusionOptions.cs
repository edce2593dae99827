using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="Occlusion"/>. Source: spec/attributors.md (the survey seed; Captum
/// FeatureAblation on single tokens, as LLMAttribution runs it), ablation kinds of spec/metrics.md section 4.</summary>
public sealed record OcclusionOptions
{
    /// <summary>What is attributed (spec option `objective`); a request that sets its own objective overrides it.</summary>
    // Source: Captum LLMAttribution's attr_target default "log_prob" (captum/attr/_core/llm_attr.py:577).
    public Objective Objective { get; init; } = Objective.LogProb;

    /// <summary>How a token is taken out (spec option `ablation`).</summary>
    // Source: Captum's LLMAttribution(FeatureAblation) puts the baseline token id 0 in place of the
    // token (captum/attr/_core/llm_attr.py, TextTokenInput baselines 0); the survey seed removed it.
    public Ablation Ablation { get; init; } = Ablation.Baseline;

    /// <summary>The token that replaces an ablated one for <see cref="Ablation.Pad"/> and
    /// <see cref="Ablation.Mask"/> (the tokenizer's pad or unk id; required there), and for
    /// <see cref="Ablation.Baseline"/> (token id 0 when null); for
    /// <see cref="Ablation.Remove"/> it stands for a context emptied by the ablation.</summary>
    public long? ReplacementTokenId { get; init; }
}
