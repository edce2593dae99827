using Harness.Reporting.Results;
using Harness.Evaluation.Plausibility;

namespace Harness.Reporting.Tables;

/// <summary>
/// Which attributors find the evidence (spec/metrics.md section 6; the embedded default's synthetic tasks
/// know it exactly): per dataset with rationales, the mean plausibility value of the scores against the
/// rationale (ERASER's average precision, or ferret's AUPRC under `protocol: ferret`), with bootstrap 95%
/// intervals; higher is better. Random stays as the chance reference.
/// </summary>
public static class PlausibilityTable
{
    /// <summary>The table over the datasets with rationales; null when none has plausibility values.</summary>
    public static ResultTable? Build(RunResults run)
    {
        var label = MetricSamples.LabelOf(run, PlausibilityMetric.MetricName);
        if (label is null) return null;
        var datasets = TableLayout.DatasetsWithValues(run, label);
        if (datasets.Count == 0) return null;
        var ferret = run.Metrics.Any(m => m.Label == label && string.Equals(m.Options.GetValueOrDefault("protocol"), "ferret", StringComparison.OrdinalIgnoreCase));
        var (measure, described) = ferret
            ? ("AUPRC", "ferret's AUPRC (the trapezoidal area under the precision-recall curve)")
            : ("AP", "Average precision (ERASER's)");
        var columns = datasets.Select(d => new ColumnSpec($"{d} {measure}", BestDirection.Higher, 3, (m, a) =>
            TableLayout.Mean(MetricSamples.Values(run, m, d, a, label, AggregationLevel.Token)))).ToList();
        return TableLayout.Build(
            PlausibilityMetric.MetricName,
            "Plausibility: do the scores find the evidence?",
            $"{described} of each attributor's scores against the example's rationale (the words that decide the answer), " +
            "per dataset; higher is better; random is chance. Means with bootstrap 95% intervals (1000 resamples).",
            run.ModelNames, TableLayout.WithRandom(run), columns);
    }
}
