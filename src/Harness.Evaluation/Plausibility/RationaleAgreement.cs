namespace Harness.Evaluation.Plausibility;

/// <summary>
/// Agreement of scores with a binary rationale (spec/metrics.md section 6): the ranking measures ERASER's
/// score_soft_tokens reports (average precision, AUPRC, ROC AUC; scikit-learn 1.2.1's curves, tied scores entering
/// together), and token-F1 and IOU of a set of top features. Pure functions on arrays.
/// </summary>
public static class RationaleAgreement
{
    /// <summary>Average precision as scikit-learn's average_precision_score (ERASER's `average_precision`):
    /// AP = sum_n (R_n - R_{n-1}) P_n over the distinct score thresholds, highest first.</summary>
    public static double AveragePrecision(IReadOnlyList<float> scores, IReadOnlyList<bool> relevant)
    {
        var (positives, _) = Check(scores, relevant);
        double ap = 0, previousRecall = 0;
        foreach (var (truePositives, falsePositives) in Thresholds(scores, relevant))
        {
            var recall = (double)truePositives / positives;
            ap += (recall - previousRecall) * truePositives / (truePositives + falsePositives);
            previousRecall = recall;
        }

        return ap;
    }

    /// <summary>The area under the precision-recall curve by the trapezoidal rule, from (recall 0, precision 1):
    /// <c>auc(recall, precision)</c> of scikit-learn's precision_recall_curve, as ERASER's `_auprc` and ferret's
    /// AUPRC_PlausibilityEvaluation compute it. It interpolates linearly between thresholds, so it exceeds the
    /// average precision where precision falls.</summary>
    public static double AreaUnderPrecisionRecall(IReadOnlyList<float> scores, IReadOnlyList<bool> relevant)
    {
        var (positives, _) = Check(scores, relevant);
        double area = 0, previousRecall = 0, previousPrecision = 1;
        foreach (var (truePositives, falsePositives) in Thresholds(scores, relevant))
        {
            var recall = (double)truePositives / positives;
            var precision = (double)truePositives / (truePositives + falsePositives);
            area += (recall - previousRecall) * (precision + previousPrecision) / 2;
            (previousRecall, previousPrecision) = (recall, precision);
        }

        return area;
    }

    /// <summary>The area under the ROC curve (scikit-learn's roc_auc_score, ERASER's `roc_auc_score`): trapezoids
    /// over (false-positive rate, true-positive rate) from (0, 0); NaN when every feature is relevant, where it is
    /// undefined (ERASER leaves such an instance out).</summary>
    public static double RocAuc(IReadOnlyList<float> scores, IReadOnlyList<bool> relevant)
    {
        var (positives, negatives) = Check(scores, relevant);
        if (negatives == 0) return double.NaN;
        double area = 0, previousFalse = 0, previousTrue = 0;
        foreach (var (truePositives, falsePositives) in Thresholds(scores, relevant))
        {
            var (falseRate, trueRate) = ((double)falsePositives / negatives, (double)truePositives / positives);
            area += (falseRate - previousFalse) * (trueRate + previousTrue) / 2;
            (previousFalse, previousTrue) = (falseRate, trueRate);
        }

        return area;
    }

    /// <summary>The k highest-scoring features, ties broken by position (earlier first): the harness's hard rationale
    /// for soft scores (ERASER's code scores hard rationales a model predicts, and never cuts soft scores itself).</summary>
    public static bool[] TopK(IReadOnlyList<float> scores, int k)
    {
        var chosen = new bool[scores.Count];
        foreach (var i in Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k)) chosen[i] = true;
        return chosen;
    }

    /// <summary>ferret's top k (utils_from_soft_to_discrete.py `_get_id_tokens_top_k`): the last k of numpy's ascending
    /// argsort, so that among tied scores the later feature comes first, and with <paramref name="onlyPositive"/> only
    /// those above 0. The order among ties is numpy 1.24's for up to 16 features (its quicksort is then an insertion
    /// sort, which keeps positions); past 16 its introsort, and newer numpy's vectorised sorts, may order ties otherwise.</summary>
    public static bool[] FerretTopK(IReadOnlyList<float> scores, int k, bool onlyPositive)
    {
        var chosen = new bool[scores.Count];
        var ascending = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray(); // a stable sort
        foreach (var i in ascending.Skip(Math.Max(0, ascending.Length - k)))
            chosen[i] = !onlyPositive || scores[i] > 0;
        return chosen;
    }

    /// <summary>Token-level F1 of a predicted set against the rationale (ERASER's and ferret's instance F1); 0 when
    /// nothing predicted is relevant.</summary>
    public static double TokenF1(IReadOnlyList<bool> predicted, IReadOnlyList<bool> relevant)
    {
        var (positives, _) = Check(predicted, relevant);
        var hits = Enumerable.Range(0, predicted.Count).Count(i => predicted[i] && relevant[i]);
        if (hits == 0) return 0;
        var precision = (double)hits / predicted.Count(p => p);
        var recall = (double)hits / positives;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>|A ∩ B| / |A ∪ B| of a predicted set A and the rationale B (ERASER's token IOU).</summary>
    public static double Iou(IReadOnlyList<bool> predicted, IReadOnlyList<bool> relevant)
    {
        Check(predicted, relevant);
        var intersection = Enumerable.Range(0, predicted.Count).Count(i => predicted[i] && relevant[i]);
        var union = Enumerable.Range(0, predicted.Count).Count(i => predicted[i] || relevant[i]);
        return (double)intersection / union;
    }

    /// <summary>(true positives, false positives) at each distinct score, highest first: scikit-learn's
    /// _binary_clf_curve, on which its precision-recall and ROC curves are built.</summary>
    private static IEnumerable<(int TruePositives, int FalsePositives)> Thresholds(IReadOnlyList<float> scores, IReadOnlyList<bool> relevant)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var (truePositives, falsePositives) = (0, 0);
        for (var n = 0; n < order.Length; n++)
        {
            if (relevant[order[n]]) truePositives++;
            else falsePositives++;
            if (n == order.Length - 1 || scores[order[n + 1]] != scores[order[n]]) yield return (truePositives, falsePositives);
        }
    }

    private static (int Positives, int Negatives) Check<T>(IReadOnlyList<T> values, IReadOnlyList<bool> relevant)
    {
        if (values.Count != relevant.Count) throw new ArgumentException($"{values.Count} scores for a rationale over {relevant.Count} features");
        var positives = relevant.Count(r => r);
        if (positives == 0) throw new ArgumentException("the rationale is empty: plausibility needs at least one evidence feature");
        return (positives, relevant.Count - positives);
    }
}
