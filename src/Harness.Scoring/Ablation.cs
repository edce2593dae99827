namespace Harness.Scoring;

/// <summary>How a perturbation method takes a token out of the context (spec/metrics.md section 4,
/// option `ablation`).</summary>
public enum Ablation
{
    /// <summary>Delete the token; later tokens move up one position. The default.</summary>
    Remove,

    /// <summary>Zero the token's word embedding (position embeddings stay).</summary>
    Zero,

    /// <summary>Replace the token by the tokenizer's pad token (its id given as the replacement id).</summary>
    Pad,

    /// <summary>Replace the token by a mask/unk token (its id given as the replacement id).</summary>
    Mask,

    /// <summary>Attention mask 0 at the token's position: no position attends to it; nothing moves.</summary>
    Attention,

    /// <summary>Replace the token by a baseline token: the replacement id, token id 0 when none is given
    /// (Captum's LLMAttribution: TextTokenInput's baselines default 0, captum/attr/_utils/interpretable_input.py).</summary>
    Baseline,

    /// <summary>Take the source's text out of the prompt and encode the prompt again (ContextCite's own ablation,
    /// <see cref="SourceTextAblation"/>); needs the request's <see cref="ScoringRequest.SourceText"/>.</summary>
    Text,
}
