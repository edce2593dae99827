using Harness.Reporting.Results;
using Harness.Evaluation.Soft;

namespace Harness.Reporting.Tables;

/// <summary>
/// ReAGent's Tables 1 and 2 (Zhao and Shan 2024): Soft-NS and Soft-NC of each attributor as the log ratio
/// to the random attributor, log(mean_FA / mean_random), per model; higher is better, 0 is no better than
/// random (spec/metrics.md section 2). Token level pairs every attributed target with random's; sequence
/// level first averages each prompt's generated positions. Interval: paired bootstrap, 95%, 1000 resamples.
/// </summary>
public static class ReAgentSoftTable
{
    /// <summary>The table for one dataset, or null when the run lacks soft_ns/soft_nc or the random attributor.</summary>
    public static ResultTable? Build(RunResults run, string dataset, AggregationLevel level)
    {
        var ns = MetricSamples.LabelOf(run, SoftMetric.SufficiencyName);
        var nc = MetricSamples.LabelOf(run, SoftMetric.ComprehensivenessName);
        if (ns is null && nc is null) return null;
        if (!run.Cells.Any(c => c.Dataset == dataset && c.Attributor == RunResults.RandomLabel)) return null;
        var columns = new List<ColumnSpec>();
        if (ns is not null) columns.Add(new ColumnSpec("Soft-NS", BestDirection.Higher, 2, (m, a) => Ratio(run, m, dataset, a, ns, level)));
        if (nc is not null) columns.Add(new ColumnSpec("Soft-NC", BestDirection.Higher, 2, (m, a) => Ratio(run, m, dataset, a, nc, level)));
        var levelName = level == AggregationLevel.Token ? "token" : "sequence";
        return TableLayout.Build(
            $"reagent_{levelName}_{TableLayout.Slug(dataset)}",
            $"ReAGent {levelName}-level faithfulness on {dataset}",
            $"Soft-NS and Soft-NC as log ratio to the random attributor (0 = random, higher is better), {levelName} level, " +
            "with paired bootstrap 95% intervals (1000 resamples). Layout of ReAGent (Zhao and Shan 2024), Tables 1 and 2. " +
            SoftTransformCaption.For(run, dataset, ns ?? nc!),
            run.ModelNames, run.AttributorLabels, columns);
    }

    private static TableValue? Ratio(RunResults run, string model, string dataset, string attributor, string label, AggregationLevel level)
    {
        var values = MetricSamples.Values(run, model, dataset, attributor, label, level);
        var random = MetricSamples.Values(run, model, dataset, RunResults.RandomLabel, label, level);
        if (values.Count == 0 || random.Count == 0) return null;
        // n and the bold test count the units the ratio pairs with random.
        var paired = values.Where(kv => random.TryGetValue(kv.Key, out var r) && double.IsFinite(r)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return TableLayout.Entry(MetricSamples.RandomRatio(values, random), paired);
    }
}
