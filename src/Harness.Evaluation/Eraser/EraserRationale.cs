using Harness.Evaluation.Plausibility;

namespace Harness.Evaluation.Eraser;

/// <summary>ERASER's hard rationales (DeYoung et al. 2020, section 4 of spec/metrics.md): the top n_k
/// sources by score, n_k = max(1, ceil(k/100 * L)), ties broken by position (earlier first).</summary>
public static class EraserRationale
{
    /// <summary>n_k for a threshold of <paramref name="percent"/> percent of <paramref name="sources"/> sources,
    /// in integers (ceil(7/100.0 * 100) is 8 in floating point).</summary>
    public static int Size(int percent, int sources) =>
        Math.Min(sources, Math.Max(1, (int)(((long)percent * sources + 99) / 100)));

    /// <summary>The rationale of <paramref name="size"/> sources as a mask over the sources (true: in R_k).</summary>
    public static bool[] Mask(IReadOnlyList<float> scores, int size) => RationaleAgreement.TopK(scores, size);
}
