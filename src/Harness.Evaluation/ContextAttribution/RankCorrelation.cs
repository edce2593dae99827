namespace Harness.Evaluation.ContextAttribution;

/// <summary>Spearman's rank correlation as scipy.stats.spearmanr: Pearson's correlation of the ranks,
/// tied values getting the average of the ranks they span.</summary>
public static class RankCorrelation
{
    /// <summary>rho of two equally long series; NaN when either is constant (its ranks have no variance).</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"{x.Count} values against {y.Count}");
        if (x.Count < 2) throw new ArgumentException($"a rank correlation needs at least 2 pairs, got {x.Count}");
        return Pearson(AverageRanks(x), AverageRanks(y));
    }

    /// <summary>The most that exchanging the ranks of two neighbours in one of the series moves rho of n pairs
    /// without ties, 12 / (n (n + 1)): the exchange changes the sum of rank products by at most n - 1 against a
    /// rank variance of n (n^2 - 1) / 12. k exchanges move it at most k times this; a tie that splits or forms
    /// is half an exchange (checked with ties in the tests).</summary>
    public static double MaxChangePerSwap(int n) => 12.0 / (n * (n + 1.0));

    /// <summary>1-based ranks, ties sharing the mean of their ranks ([10, 20, 20, 30] -> [1, 2.5, 2.5, 4]).</summary>
    public static double[] AverageRanks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            var rank = (start + end) / 2.0 + 1;
            for (var i = start; i <= end; i++) ranks[order[i]] = rank;
            start = end + 1;
        }

        return ranks;
    }

    private static double Pearson(double[] x, double[] y)
    {
        var (mx, my) = (x.Average(), y.Average());
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }
}
