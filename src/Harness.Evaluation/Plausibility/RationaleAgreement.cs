namespace Harness.Evaluation.Plausibility;

/// <summary>
/// Agreement of scores with a binary rationale (spec/metrics.md section 6, ferret's plausibility set):
/// average precision over the ranking the scores induce, and token-F1 and IOU of the top-k features,
/// k = the rationale's size (ferret discretises with the rationale's length). Pure functions on arrays.
/// </summary>
public static class RationaleAgreement
{
    /// <summary>Average precision as scikit-learn's average_precision_score (ferret's AUPRC):
    /// AP = sum_n (R_n - R_{n-1}) P_n over the distinct score thresholds, highest first; tied scores
    /// enter together. Needs at least one relevant feature.</summary>
    public static double AveragePrecision(IReadOnlyList<float> scores, IReadOnlyList<bool> relevant)
    {
        Check(scores, relevant);
        var positives = relevant.Count(r => r);
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double ap = 0, previousRecall = 0;
        var (truePositives, seen) = (0, 0);
        for (var n = 0; n < order.Length; n++)
        {
            seen++;
            if (relevant[order[n]]) truePositives++;
            var lastOfTie = n == order.Length - 1 || scores[order[n + 1]] != scores[order[n]];
            if (!lastOfTie) continue;
            var recall = (double)truePositives / positives;
            ap += (recall - previousRecall) * truePositives / seen;
            previousRecall = recall;
        }

        return ap;
    }

    /// <summary>The k highest-scoring features, ties broken by position (earlier first), as ERASER's rationales.</summary>
    public static bool[] TopK(IReadOnlyList<float> scores, int k)
    {
        var chosen = new bool[scores.Count];
        foreach (var i in Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k)) chosen[i] = true;
        return chosen;
    }

    /// <summary>F1 of the top-|rationale| features against the rationale (precision = recall here, as
    /// both sets have the rationale's size, unless ties of size are cut by the feature count).</summary>
    public static double TokenF1(IReadOnlyList<float> scores, IReadOnlyList<bool> relevant)
    {
        Check(scores, relevant);
        var predicted = TopK(scores, relevant.Count(r => r));
        var hits = predicted.Where((p, i) => p && relevant[i]).Count();
        if (hits == 0) return 0;
        var precision = (double)hits / predicted.Count(p => p);
        var recall = (double)hits / relevant.Count(r => r);
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>|A ∩ B| / |A ∪ B| of the top-|rationale| features A and the rationale B.</summary>
    public static double Iou(IReadOnlyList<float> scores, IReadOnlyList<bool> relevant)
    {
        Check(scores, relevant);
        var predicted = TopK(scores, relevant.Count(r => r));
        var intersection = predicted.Where((p, i) => p && relevant[i]).Count();
        var union = predicted.Where((p, i) => p || relevant[i]).Count();
        return (double)intersection / union;
    }

    private static void Check(IReadOnlyList<float> scores, IReadOnlyList<bool> relevant)
    {
        if (scores.Count != relevant.Count) throw new ArgumentException($"{scores.Count} scores for a rationale over {relevant.Count} features");
        if (!relevant.Any(r => r)) throw new ArgumentException("the rationale is empty: plausibility needs at least one evidence feature");
    }
}
