namespace Harness.Evaluation.Statistics;

/// <summary>
/// Holm's step-down correction for m tests (Holm 1979, "A simple sequentially rejective multiple test
/// procedure"): sort the p-values ascending, p_(1) &lt;= ... &lt;= p_(m); the adjusted p_(i) is
/// max over j &lt;= i of min(1, (m - j + 1) p_(j)). Rejecting where the adjusted p &lt; alpha controls the
/// family-wise error rate at alpha under any dependence between the tests, and never rejects less than
/// Bonferroni. Same as R's p.adjust(method = "holm") and statsmodels' multipletests(method="holm").
/// </summary>
public static class HolmCorrection
{
    /// <summary>The adjusted p-values, in the order given; a NaN p-value (no test) stays NaN and is not counted in m.</summary>
    public static IReadOnlyList<double> Adjust(IReadOnlyList<double> pValues)
    {
        var adjusted = Enumerable.Repeat(double.NaN, pValues.Count).ToArray();
        var tested = Enumerable.Range(0, pValues.Count).Where(i => !double.IsNaN(pValues[i])).OrderBy(i => pValues[i]).ToArray();
        var m = tested.Length;
        var running = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            // Monotone: an adjusted p never falls below the one of a smaller raw p.
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[tested[rank]]));
            adjusted[tested[rank]] = running;
        }

        return adjusted;
    }
}
