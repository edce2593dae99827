using Harness.Scoring;

namespace Harness.Evaluation.Eraser;

/// <summary>Options of <see cref="Aopc"/>. Source: DeYoung et al. 2020 (ERASER), bins k in
/// {1, 5, 10, 20, 50} percent of the input; removal by deletion as in ERASER's code.</summary>
public sealed record EraserOptions
{
    /// <summary>The percentages k of the sources kept as rationale R_k (n_k = max(1, ceil(k/100 * L))),
    /// each in [1, 100] and distinct.</summary>
    public IReadOnlyList<int> Thresholds { get; init; } = [1, 5, 10, 20, 50];

    /// <summary>How a source outside (sufficiency) or inside (comprehensiveness) the rationale is taken out.</summary>
    public Ablation Ablation { get; init; } = Ablation.Remove;
}
