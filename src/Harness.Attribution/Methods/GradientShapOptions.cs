using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="GradientShap"/>. Source: Captum defaults (n_samples 5, stdevs 0).</summary>
public sealed record GradientShapOptions
{
    /// <summary>What is attributed (spec option `objective`); a request that sets its own objective overrides it.</summary>
    // Source: Captum LLMGradientAttribution's target, the log-probability (captum/attr/_core/llm_attr.py:987).
    public Objective Objective { get; init; } = Objective.LogProb;

    /// <summary>How the per-dimension attribution becomes one score per token (option `reduction`).</summary>
    // Source: Captum LLMGradientAttribution sums over the hidden dimension (llm_attr.py:914); the ReAGent code ran
    // gradient_shap through Inseq, whose aggregation takes the L2 norm (then divides by the sum: the soft metrics' protocol).
    public GradientReduction Reduction { get; init; } = GradientReduction.Sum;

    /// <summary>Where the paths start on the attributed region (option `baseline`: `zero`, `eos`, `token:&lt;id&gt;`,
    /// `token:&lt;id&gt;,keep:&lt;id&gt;`).</summary>
    // Source: the spec's zero embedding; Inseq passes its unk-token baseline (eos positions kept) to Captum's GradientShap.
    public EmbeddingBaseline Baseline { get; init; } = EmbeddingBaseline.Zero;

    /// <summary>Random interpolation points (with their noise draws).</summary>
    public int Samples { get; init; } = 5;

    /// <summary>Standard deviation of the Gaussian noise added to the input embeddings of the region.</summary>
    public double NoiseStdDev { get; init; }
}
