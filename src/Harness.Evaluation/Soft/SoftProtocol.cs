using Harness.Evaluation.Core;
using Harness.Scoring;

namespace Harness.Evaluation.Soft;

/// <summary>Which rule maps an attributor's scores to Soft-NS/NC keep probabilities when `normalize` is left at
/// `protocol` (spec/metrics.md section 1, option `protocol`).</summary>
public enum SoftProtocolName
{
    /// <summary>What the ReAGent code feeds its evaluators, per attributor (<see cref="SoftProtocol.Transform"/>). The default.</summary>
    Reagent,

    /// <summary>Scores as produced, for every attributor (negatives clipped, clamped to [0, 1]).</summary>
    None,
}

/// <summary>
/// The per-attributor rule of spec/metrics.md section 1 under `protocol: reagent`: the ReAGent code turns every
/// rationalizer's raw scores into a distribution over the prompt with a softmax before its soft evaluators see them
/// (ReAGent 7809773 src/rationalization/rationalizer/importance_score_evaluator/attention.py:63 and grad.py:94:
/// `torch.softmax(logit_importance_score, -1)`, signed input x gradient included, no clipping), its own ReAGent
/// scores are already a softmax of logits (delta_prob.py) and the random baseline is softmax(U(0, 1)); baselines the
/// ReAGent code ran through Inseq get Inseq's default aggregation instead, L2 norms divided by their sum (inseq.py:68,
/// `attr.aggregate().target_attributions`). Attributors the ReAGent paper does not have get the softmax too. Which rule
/// an attributor gets is in its descriptor (<see cref="MetricInput.ReagentTransform"/>); this class only applies it.
/// </summary>
public static class SoftProtocol
{
    /// <summary>The transform for the scores of <paramref name="attributor"/> (its label in the experiment) under <paramref name="protocol"/>.</summary>
    /// <param name="attributor">Null when no attributor is named (scores given by hand to `harness evaluate`): they are taken as given.</param>
    /// <param name="declared">The attributor descriptor's rule; null when unknown (the softmax, as for methods the paper lacks).</param>
    /// <param name="inseqAttributors">Option `inseq_attributors`: when given, the labels of the attributors the reproduced setup
    /// ran through Inseq (sum-1), replacing the descriptors' choice of Inseq methods; scores that already are distributions
    /// stay as given.</param>
    public static ScoreNormalization Transform(SoftProtocolName protocol, string? attributor, ProtocolTransform? declared, IReadOnlyList<string>? inseqAttributors = null)
    {
        if (protocol == SoftProtocolName.None || attributor is null) return ScoreNormalization.None;
        if (declared == ProtocolTransform.None) return ScoreNormalization.None;
        if (inseqAttributors is not null) return inseqAttributors.Contains(attributor) ? ScoreNormalization.Sum : ScoreNormalization.Softmax;
        return declared == ProtocolTransform.Sum ? ScoreNormalization.Sum : ScoreNormalization.Softmax;
    }
}
