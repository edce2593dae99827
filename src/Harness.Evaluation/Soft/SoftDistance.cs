namespace Harness.Evaluation.Soft;

/// <summary>The distance D(P, Q) between the perturbed and the intact next-token distributions
/// (spec/metrics.md section 1, option `distance`); see <see cref="DistributionDistance"/>.</summary>
public enum SoftDistance
{
    /// <summary>sum_v (sqrt P_v - sqrt Q_v)^2 / sqrt 2 over the vocabulary, as ReAGent's code computes it. The default.</summary>
    Reagent,

    /// <summary>sqrt(sum_v (sqrt P_v - sqrt Q_v)^2) / sqrt 2, the Hellinger distance.</summary>
    Hellinger,

    /// <summary>max(0, Q_y - P_y) on the target token only (the classic ERASER form).</summary>
    Target,
}
