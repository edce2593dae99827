namespace Harness.Scoring;

/// <summary>
/// How the ReAGent code turns an attributor's raw scores into the distribution its soft evaluators take (spec/metrics.md
/// section 1, `protocol: reagent`); each attributor's descriptor says which applies to it, and Soft-NS/NC read it from
/// <c>MetricInput</c>. Source: ReAGent 7809773 src/rationalization/rationalizer/importance_score_evaluator/attention.py:63
/// and grad.py:94 (softmax), delta_prob.py (ReAGent's own scores), inseq.py:68 (Inseq's sum-1 aggregation).
/// </summary>
public enum ProtocolTransform
{
    /// <summary>A softmax over the raw scores, negatives included: every rationalizer the paper ran itself, and methods it does not have.</summary>
    Softmax,

    /// <summary>L2 norms divided by their sum: the baselines the ReAGent code ran through Inseq.</summary>
    Sum,

    /// <summary>Taken as they are: the scores already are a distribution over the prompt (ReAGent's, the random baseline's).</summary>
    None,
}
