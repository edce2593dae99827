namespace Harness.Evaluation.Soft;

/// <summary>Options of <see cref="PiSoftMetric"/> (pi_soft_ns, pi_soft_nc). Source: spec/metrics.md
/// section 3 (the Grad-ELLM paper's pi variants) and section 1 for what they share with Soft-NS/NC.
/// Scores are always normalised to sum 1 after <see cref="Negative"/> (no `normalize` option).</summary>
public sealed record PiSoftOptions
{
    /// <summary>Expected keep fractions of the curve, each in (0, 1), increasing (option `pis`).</summary>
    // Source: spec/metrics.md section 3: {0.1, 0.2, ..., 0.9}.
    public IReadOnlyList<double> Pis { get; init; } = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    /// <summary>Negative scores before normalising (option `negative`).</summary>
    // Source: spec/metrics.md section 3 ("s >= 0 after `negative`"), clip as in section 1.
    public NegativeScores Negative { get; init; } = NegativeScores.Clip;

    /// <summary>D(P, Q) (option `distance`).</summary>
    // Source: ReAGent's evaluation code (spec/metrics.md section 1).
    public SoftDistance Distance { get; init; } = SoftDistance.Reagent;

    /// <summary>Independent Bernoulli masks per pi the distance is averaged over, at least 1.</summary>
    // Source: spec/metrics.md section 1 (one mask, as in the papers).
    public int Samples { get; init; } = 1;

    /// <summary>As <see cref="SoftOptions.KeepQuery"/>.</summary>
    public bool KeepQuery { get; init; }
}
