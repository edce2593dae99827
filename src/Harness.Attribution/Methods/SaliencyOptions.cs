using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="Saliency"/>. Source: Inseq and ReAGent (L2 norm of the gradient).</summary>
public sealed record SaliencyOptions
{
    /// <summary>What is attributed (spec option `objective`); a request that sets its own objective overrides it.</summary>
    // Source: Inseq's default attributed function, the probability (inseq/models/attribution_model.py:227); ReAGent's own rationalizer and Captum use log_prob.
    public Objective Objective { get; init; } = Objective.Prob;

    /// <summary>Sum the gradient instead of taking its L2 norm (spec option `signed`).</summary>
    public bool Signed { get; init; }
}
