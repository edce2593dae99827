namespace Harness.Evaluation.Soft;

/// <summary>Options of <see cref="SoftMetric"/> (soft_ns, soft_nc). Source: spec/metrics.md section 1
/// (Zhao &amp; Aletras 2023; the ReAGent paper and code for the generation setting).</summary>
public sealed record SoftOptions
{
    /// <summary>Scores to keep probabilities (option `normalize`).</summary>
    // Source: spec/metrics.md section 1, the ReAGent setting: scores as produced.
    public ScoreNormalization Normalize { get; init; } = ScoreNormalization.None;

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
