using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="IntegratedGradients"/>. Source: Captum defaults as
/// LLMGradientAttribution(LayerIntegratedGradients at the token embedding) runs them
/// (spec/attributors.md); ReAGent's and Inseq's settings are in src/Harness.Attribution/README.md.</summary>
public sealed record IntegratedGradientsOptions
{
    // Source: Captum IntegratedGradients.attribute n_steps=50.
    /// <summary>Quadrature steps along the path (Captum's n_steps, default 50).</summary>
    public int Steps { get; init; } = 50;

    // Source: Captum's default method "gausslegendre" (captum/attr/_core/integrated_gradients.py).
    /// <summary>The quadrature rule along the path (Captum's default "gausslegendre", captum/attr/_core/integrated_gradients.py).</summary>
    public IntegrationRule Method { get; init; } = IntegrationRule.GaussLegendre;

    /// <summary>The path's start on the region (the rest of the context stays as it is).</summary>
    // Source: Captum LLMGradientAttribution: TextTokenInput's baselines 0, so the embedding of token 0.
    public EmbeddingBaseline Baseline { get; init; } = EmbeddingBaseline.Token(0);

    /// <summary>How the per-dimension attribution becomes one score per token.</summary>
    // Source: Captum LLMGradientAttribution sums over the hidden dimension (llm_attr.py:914).
    public GradientReduction Reduction { get; init; } = GradientReduction.Sum;

    /// <summary>What is attributed (spec option `objective`); a request that sets its own objective overrides it.</summary>
    // Source: Captum LLMGradientAttribution's target, the log-probability (captum/attr/_core/llm_attr.py:987).
    public Objective Objective { get; init; } = Objective.LogProb;
}
