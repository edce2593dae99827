using Harness.Torch;

namespace Harness.Evaluation.Soft;

/// <summary>
/// D(P, Q) of spec/metrics.md section 1 between perturbed distributions P [B, m, V] and the intact Q
/// [m, V] at the m positions that predict the target's tokens (teacher-forced: every row sees the
/// intact target tokens before position j). For a span target (m > 1) the harness averages the
/// per-position distances, so a one-token target gets exactly the paper's D and a span's value stays
/// in the same [0, 1] range (harness choice; the papers score one token per step).
/// </summary>
public static class DistributionDistance
{
    private static readonly double Sqrt2 = Math.Sqrt(2);

    /// <summary>√2 rounded to float32, as ReAGent divides by it (its √2 is a float32 tensor even for a float64 model:
    /// src/evaluation/evaluator/soft_sufficiency.py:67, the square root of a float32 scalar 2.0); 1.7e-8 relative from √2, visible only in float64 parity.</summary>
    private static readonly double ReagentSqrt2 = (float)Math.Sqrt(2);

    /// <summary>The distance of each row, [B] (float64), averaged over the m predicting positions.</summary>
    /// <param name="p">Perturbed probabilities [B, m, V].</param>
    /// <param name="q">Intact probabilities [m, V], on p's device.</param>
    /// <param name="targetIds">The m target ids (used by <see cref="SoftDistance.Target"/>).</param>
    public static Tensor Between(SoftDistance distance, Tensor p, Tensor q, IReadOnlyList<long> targetIds)
    {
        var (b, m) = (p.size(0), p.size(1));
        if (q.size(0) != m || targetIds.Count != m)
            throw new ArgumentException($"P has {m} predicting positions, Q {q.size(0)} and the target {targetIds.Count} tokens");
        p = p.to(ScalarType.Float64);
        q = q.to(ScalarType.Float64).unsqueeze(0);                                                     // [1, m, V]
        var perPosition = distance switch                                                              // [B, m]
        {
            SoftDistance.Reagent => p.sqrt().sub(q.sqrt()).square().sum(2).div(ReagentSqrt2),
            SoftDistance.Hellinger => p.sqrt().sub(q.sqrt()).square().sum(2).sqrt().div(Sqrt2),
            SoftDistance.Target => TargetDrop(p, q, targetIds),
            _ => throw new ArgumentOutOfRangeException(nameof(distance), distance, "unknown distance"),
        };
        return perPosition.mean(1).view(b);                                                            // [B]
    }

    /// <summary>max(0, Q_y - P_y) at each position, [B, m].</summary>
    private static Tensor TargetDrop(Tensor p, Tensor q, IReadOnlyList<long> targetIds)
    {
        var (b, m) = (p.size(0), p.size(1));
        var index = torch.tensor(targetIds.ToArray(), [1, m, 1], device: p.device);                     // [1, m, 1]
        var qy = q.gather(2, index).view(1, m);                                                        // [1, m]
        var py = p.gather(2, index.expand(b, m, 1)).view(b, m);                                        // [B, m]
        return qy.sub(py).clamp(min: 0);
    }
}
