using Harness.Reporting.Results;
using Harness.Evaluation.Soft;

namespace Harness.Reporting.Tables;

/// <summary>
/// Grad-ELLM's table: the area under the pi-Soft-NS and pi-Soft-NC curves (spec/metrics.md section 3: trapezoid
/// over pi, divided by the pi range; the metric's value), mean over attributed targets with a bootstrap 95%
/// interval; higher is better. The random attributor is kept as a reference row.
/// </summary>
public static class PiSoftAucTable
{
    /// <summary>The table for <paramref name="dataset"/>; null when the run computed neither pi-Soft metric.</summary>
    public static ResultTable? Build(RunResults run, string dataset)
    {
        var ns = MetricSamples.LabelOf(run, PiSoftMetric.SufficiencyName);
        var nc = MetricSamples.LabelOf(run, PiSoftMetric.ComprehensivenessName);
        if (ns is null && nc is null) return null;
        var columns = new List<ColumnSpec>();
        if (ns is not null) columns.Add(new ColumnSpec("AUC pi-Soft-NS", BestDirection.Higher, 3, (m, a) => Mean(run, m, dataset, a, ns)));
        if (nc is not null) columns.Add(new ColumnSpec("AUC pi-Soft-NC", BestDirection.Higher, 3, (m, a) => Mean(run, m, dataset, a, nc)));
        return TableLayout.Build(
            $"gradellm_pi_auc_{TableLayout.Slug(dataset)}",
            $"Grad-ELLM AUC pi-Soft-NS / pi-Soft-NC on {dataset}",
            "Area under the pi-Soft-NS and pi-Soft-NC curves over the keep fraction pi (higher is better), mean over targets " +
            "with bootstrap 95% intervals (1000 resamples). Layout of Grad-ELLM's AUC table.",
            run.ModelNames, TableLayout.WithRandom(run), columns);
    }

    private static TableValue? Mean(RunResults run, string model, string dataset, string attributor, string label) =>
        TableLayout.Mean(MetricSamples.Values(run, model, dataset, attributor, label, AggregationLevel.Token));
}
