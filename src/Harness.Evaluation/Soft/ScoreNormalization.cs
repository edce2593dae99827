namespace Harness.Evaluation.Soft;

/// <summary>How Soft-NS/NC turn scores into keep probabilities (spec/metrics.md section 1, option
/// `normalize`), applied after <see cref="NegativeScores"/>; the result is clamped to [0, 1].</summary>
public enum ScoreNormalization
{
    /// <summary>Scores as produced (ReAGent and attention give a distribution summing to 1). The default.</summary>
    None,

    /// <summary>(s - min) / (max - min) per example (Zhao &amp; Aletras); all-equal scores give 0.</summary>
    MinMax,

    /// <summary>1 / (1 + exp(-s)).</summary>
    Sigmoid,

    /// <summary>exp(s) / sum exp(s) over the attributed units.</summary>
    Softmax,

    /// <summary>s / sum |s|; all-zero scores give 0.</summary>
    Sum,
}
