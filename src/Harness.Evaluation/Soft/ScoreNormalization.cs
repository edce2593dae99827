namespace Harness.Evaluation.Soft;

/// <summary>How Soft-NS/NC turn scores into keep probabilities (spec/metrics.md section 1, option `normalize`); the
/// result is clamped to [0, 1]. <see cref="Protocol"/>, the default, lets <see cref="SoftProtocol"/> pick one per
/// attributor; any other value overrides it for every attributor, after <see cref="NegativeScores"/>.</summary>
public enum ScoreNormalization
{
    /// <summary>The transform the `protocol` option picks for the cell's attributor. The default.</summary>
    Protocol,

    /// <summary>Scores as produced (ReAGent and random give a distribution summing to 1).</summary>
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
