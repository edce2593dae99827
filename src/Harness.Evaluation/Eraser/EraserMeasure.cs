namespace Harness.Evaluation.Eraser;

/// <summary>Which of ERASER's two hard-rationale measures a metric computes (spec/metrics.md section 4).</summary>
public enum EraserMeasure
{
    /// <summary>comp_k = Q_y - P_y(x without R_k): how much the prediction drops when the rationale goes.</summary>
    Comprehensiveness,

    /// <summary>suff_k = Q_y - P_y(R_k only): how much it drops when only the rationale stays.</summary>
    Sufficiency,
}
