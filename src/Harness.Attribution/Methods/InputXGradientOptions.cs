using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="InputXGradient"/>. Source: Inseq (L2 norm by default).</summary>
public sealed record InputXGradientOptions
{
    /// <summary>What is attributed (spec option `objective`); a request that sets its own objective overrides it.</summary>
    // Source: Inseq's default attributed function, the probability (inseq/models/attribution_model.py:227); Captum's LLMGradientAttribution uses log_prob (llm_attr.py:987).
    public Objective Objective { get; init; } = Objective.Prob;

    /// <summary>How a position's vector of gradient x multiplier over the embedding dimensions becomes one score (L2 norm by default).</summary>
    public GradientReduction Reduction { get; init; } = GradientReduction.L2Norm;

    /// <summary>What the gradient is multiplied with (option `multiplier`).</summary>
    // Source: Inseq and Captum multiply by the token embedding; ReAGent's own `signed` by token + position (README).
    public InputMultiplier Multiplier { get; init; } = InputMultiplier.Token;
}
