namespace Harness.Evaluation.Soft;

/// <summary>Which of the pair a Soft metric is: sufficiency keeps token i with q_i, comprehensiveness with 1 - q_i.</summary>
public enum SoftSide
{
    /// <summary>Soft-NS: SS = 1 - D(P_soft-S, Q), normalised by S0.</summary>
    Sufficiency,

    /// <summary>Soft-NC: SC = D(P_soft-C, Q), normalised by S0.</summary>
    Comprehensiveness,
}
