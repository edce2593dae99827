using Harness.Evaluation.ContextAttribution;
using Harness.Reporting.Results;

namespace Harness.Reporting.Tables;

/// <summary>
/// AT2's comparison (Cohen-Wang et al. 2025, Fig. 4 as a table; ContextCite's evaluation): LDS and the
/// top-k drop of the response's logit-probability for k = 1, 3, 5 (spec/metrics.md section 5), means over
/// examples with bootstrap 95% intervals; higher is better. Random stays as a reference row.
/// </summary>
public static class At2ContextTable
{
    /// <summary>Source: spec/metrics.md section 5 (top-k drop at k in {1, 3, 5}).</summary>
    private static readonly int[] Ks = [1, 3, 5];

    /// <summary>The table for <paramref name="dataset"/>; null when the run computed neither LDS nor the top-k drop.</summary>
    public static ResultTable? Build(RunResults run, string dataset)
    {
        var lds = MetricSamples.LabelOf(run, Lds.MetricName);
        var drop = MetricSamples.LabelOf(run, TopKDrop.MetricName);
        if (lds is null && drop is null) return null;
        var columns = new List<ColumnSpec>();
        if (lds is not null)
            columns.Add(new ColumnSpec("LDS", BestDirection.Higher, 3, (m, a) =>
                TableLayout.Mean(MetricSamples.Values(run, m, dataset, a, lds, AggregationLevel.Token))));
        if (drop is not null)
            foreach (var k in Ks)
                columns.Add(new ColumnSpec($"Top-{k} drop", BestDirection.Higher, 3, (m, a) =>
                    TableLayout.Mean(MetricSamples.Values(run, m, dataset, a, drop, AggregationLevel.Token,
                        v => v.Parts.TryGetValue(TopKDrop.AtK(k), out var x) ? x : double.NaN))));
        return TableLayout.Build(
            $"at2_context_{TableLayout.Slug(dataset)}",
            $"AT2 / ContextCite context attribution on {dataset}",
            "LDS (Spearman correlation of predicted and actual logit-probabilities over random source masks) and top-k drop " +
            "(logit-probability lost when the k highest-scored sources are ablated); higher is better; means with bootstrap " +
            "95% intervals (1000 resamples). Layout of AT2 (Cohen-Wang et al. 2025), Fig. 4.",
            run.ModelNames, TableLayout.WithRandom(run), columns);
    }
}
