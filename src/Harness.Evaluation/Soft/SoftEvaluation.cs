using Harness.Evaluation.Core;

namespace Harness.Evaluation.Soft;

/// <summary>What <see cref="SoftPerturbation"/> measured for one example: S0 = 1 - D(P_0, Q) and, per
/// keep vector, D(P, Q) averaged over the samples; the normalisations of spec/metrics.md section 1.</summary>
public sealed record SoftEvaluation(double S0, IReadOnlyList<double> Distances)
{
    /// <summary>1 - S0 is at most <see cref="DegenerateMargin"/>: the normalised value is NaN, the parts stay.</summary>
    public static readonly MetricFlag DegenerateS0 = new("degenerate_s0");

    // Source: spec/metrics.md section 1, "guard 1 - S0 <= 1e-4".
    /// <summary>The guard on 1 - S0 below which nothing is normalised.</summary>
    public const double DegenerateMargin = 1e-4;

    /// <summary>Zeroing the embeddings barely moves the prediction: nothing to normalise by.</summary>
    public bool IsDegenerate => !(1 - S0 > DegenerateMargin);

    /// <summary>SS = 1 - D or SC = D of keep vector <paramref name="index"/>.</summary>
    public double Raw(SoftSide side, int index) => side == SoftSide.Sufficiency ? 1 - Distances[index] : Distances[index];

    /// <summary>Soft-NS = max(0, SS - S0) / (1 - S0) or Soft-NC = SC / (1 - S0); NaN when degenerate.</summary>
    public double Normalised(SoftSide side, int index)
    {
        if (IsDegenerate) return double.NaN;
        var raw = Raw(side, index);
        return side == SoftSide.Sufficiency ? Math.Max(0, raw - S0) / (1 - S0) : raw / (1 - S0);
    }
}
