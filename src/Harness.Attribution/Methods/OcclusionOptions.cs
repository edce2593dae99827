using Harness.Attribution.Core;

namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="Occlusion"/>. Source: spec/attributors.md (the survey seed; Captum
/// FeatureAblation on single tokens), ablation kinds of spec/metrics.md section 4.</summary>
public sealed record OcclusionOptions
{
    /// <summary>How a token is taken out (spec option `ablation`, default `remove`).</summary>
    public Ablation Ablation { get; init; } = Ablation.Remove;

    /// <summary>The token that replaces an ablated one for <see cref="Ablation.Pad"/> and
    /// <see cref="Ablation.Mask"/> (the tokenizer's pad or unk id; required there); for
    /// <see cref="Ablation.Remove"/> it stands for a context emptied by the ablation.</summary>
    public long? ReplacementTokenId { get; init; }
}
