using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>
/// The training data of AT2, computed once before the optimisation (as AT2's
/// compute_features_and_outputs): per example, target and mask v, the masked features
/// x_v = sum_j (2 v_j - 1) phi_j (so theta^T x_v is the prediction sum_j (2 v_j - 1) tau_j) and the
/// output y_v = f(v); plus the masks themselves and what each target cost.
/// </summary>
/// <param name="Features">[example][target][mask][layers * heads], in float16 as AT2's store holds them (a 32-layer,
/// 32-head model's 4,000 examples of a few sentences each take about 1.3 GB so).</param>
/// <param name="Outputs">[example][target][mask], f(v) = log P - log(1 - P) of the target's tokens.</param>
/// <param name="Masks">[example][mask][source], true: the source stays (the same for every target of an example).</param>
/// <param name="Costs">[example][target]: 1 + masks sequences forward (plus one prefix pass when the region
/// starts after position 0 and the request reuses the prefix cache).</param>
public sealed record At2Observations(int Layers, int Heads, Half[][][][] Features, double[][][] Outputs, bool[][][] Masks, CostRecord[][] Costs)
{
    /// <summary>The number of training examples observed.</summary>
    public int Examples => Outputs.Length;

    /// <summary>The mean over every target of every example of the Pearson correlation between theta^T x_v and y_v
    /// over the masks (what training raises; 1 - the loss's epsilon term aside).</summary>
    public double MeanCorrelation(IReadOnlyList<double> theta)
    {
        var correlations = Features.Zip(Outputs).SelectMany(example => example.First.Zip(example.Second, (x, y) =>
            Pearson(x.Select(row => row.Select((v, f) => (double)v * theta[f]).Sum()).ToArray(), y))).ToList();
        return correlations.Average();
    }

    private static double Pearson(double[] x, double[] y)
    {
        var (mx, my) = (x.Average(), y.Average());
        var covariance = x.Zip(y).Average(p => (p.First - mx) * (p.Second - my));
        var sx = Math.Sqrt(x.Average(v => (v - mx) * (v - mx)));
        var sy = Math.Sqrt(y.Average(v => (v - my) * (v - my)));
        return covariance / (sx * sy + PearsonCorrelationLoss.Epsilon);
    }
}
