namespace Harness.Evaluation.Soft;

/// <summary>Options of <see cref="SoftMetric"/> (soft_ns, soft_nc). Source: spec/metrics.md section 1
/// (Zhao &amp; Aletras 2023; the ReAGent paper and code for the generation setting).</summary>
public sealed record SoftOptions
{
    /// <summary>The rule that picks each attributor's transform while `normalize` is `protocol` (option `protocol`).</summary>
    // Source: spec/metrics.md section 1: `reagent`, since Soft-NS/NC are the ReAGent paper's metrics.
    public SoftProtocolName Protocol { get; init; } = SoftProtocolName.Reagent;

    /// <summary>Scores to keep probabilities (option `normalize`): `protocol` (the default) or one transform for all.</summary>
    public ScoreNormalization Normalize { get; init; } = ScoreNormalization.Protocol;

    /// <summary>Attributors the reproduced setup ran through Inseq, whose L2-norm scores get Inseq's sum-1 aggregation
    /// under `protocol: reagent` (option `inseq_attributors`); null (the default): each attributor's descriptor says
    /// (the ReAGent code runs gradient_shap through Inseq).</summary>
    public IReadOnlyList<string>? InseqAttributors { get; init; }

    /// <summary>Negative scores before normalising (option `negative`).</summary>
    // Source: spec/metrics.md section 1: clip to 0.
    public NegativeScores Negative { get; init; } = NegativeScores.Clip;

    /// <summary>D(P, Q) (option `distance`).</summary>
    // Source: ReAGent's evaluation code (spec/metrics.md section 1).
    public SoftDistance Distance { get; init; } = SoftDistance.Reagent;

    /// <summary>Independent Bernoulli masks the distance is averaged over, at least 1.</summary>
    // Source: Zhao & Aletras 2023 and ReAGent draw one mask per example.
    public int Samples { get; init; } = 1;

    /// <summary>S0's P_0 zeroes only the attributed units' word embeddings, keeping the rest of the
    /// prompt (the question of a QA prompt, a template); false zeroes every word embedding of the context.</summary>
    // Source: spec/metrics.md section 1, P_0 "with every word-token embedding zeroed".
    public bool KeepQuery { get; init; }
}
