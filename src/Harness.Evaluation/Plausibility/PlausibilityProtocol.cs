namespace Harness.Evaluation.Plausibility;

/// <summary>Whose code the plausibility scores follow (option `protocol`).</summary>
public enum PlausibilityProtocol
{
    /// <summary>ERASER's soft-token scores (DeYoung et al. 2020; jayded/eraserbenchmark rationale_benchmark/metrics.py
    /// `score_soft_tokens`): the value is the average precision, with the AUPRC and ROC AUC as parts; a rationale
    /// covering every source has no average precision (ERASER leaves such an instance out). Token-F1 and IOU of the
    /// top-|rationale| sources, ties earlier first: the harness's cut of soft scores, which ERASER's code does not
    /// make. The default.</summary>
    Eraser,

    /// <summary>ferret's plausibility evaluators (g8a9/ferret ferret/evaluators/plausibility_measures.py): the value
    /// is the AUPRC of the scores with negatives set to 0 (`only_pos`), token-F1 and IOU of the top 5 positive
    /// sources (`top_k_rationale`) in numpy's argsort order.</summary>
    Ferret,
}
