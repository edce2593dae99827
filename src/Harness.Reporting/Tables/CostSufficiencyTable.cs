using Harness.Reporting.Results;
using Harness.Evaluation.LabelAgreement;
using Harness.Evaluation.Eraser;

namespace Harness.Reporting.Tables;

/// <summary>
/// The survey's time-and-sufficiency table (Feature Ablation against Shapley sampling): per attributor the
/// mean wall time and forward passes of one attribution (lower is better), and the sufficiency the run
/// measured: label agreement with the rationale only (spec/metrics.md section 4b, higher is better) and
/// ERASER's AOPC sufficiency (section 4, lower is better), each when present. Means with bootstrap 95%
/// intervals. Every attributor of the run is a row; the survey's two are the ones it compares.
/// </summary>
public static class CostSufficiencyTable
{
    /// <summary>The table for <paramref name="dataset"/>; null when the run computed neither sufficiency metric.</summary>
    public static ResultTable? Build(RunResults run, string dataset)
    {
        var agreement = MetricSamples.LabelOf(run, LabelAgreementMetric.MetricName);
        var aopc = MetricSamples.LabelOf(run, Aopc.SufficiencyName);
        if (agreement is null && aopc is null) return null;
        var columns = new List<ColumnSpec>
        {
            // The survey's Table I gives seconds per input.
            new("Time (s)", BestDirection.Lower, 3, (m, a) => TableLayout.Mean(Cost(run, m, dataset, a, r => r.WallMilliseconds / 1000))),
            new("Forward passes", BestDirection.Lower, 0, (m, a) => TableLayout.Mean(Cost(run, m, dataset, a, r => r.ForwardPasses))),
        };
        if (agreement is not null)
            columns.Add(new ColumnSpec("Label agreement", BestDirection.Higher, 3, (m, a) =>
                TableLayout.Mean(MetricSamples.Values(run, m, dataset, a, agreement, AggregationLevel.Token))));
        if (aopc is not null)
            columns.Add(new ColumnSpec("AOPC suff.", BestDirection.Lower, 3, (m, a) =>
                TableLayout.Mean(MetricSamples.Values(run, m, dataset, a, aopc, AggregationLevel.Token))));
        return TableLayout.Build(
            IdFor(dataset),
            $"Time and sufficiency on {dataset}",
            "Mean wall time and forward passes per attribution (lower is better)" +
            (agreement is null ? "" : ", label agreement on the rationale-only prompt (higher is better)") +
            (aopc is null ? "" : ", AOPC sufficiency (lower is better)") +
            ", with bootstrap 95% intervals (1000 resamples). Layout of the survey's Feature Ablation versus Shapley sampling table.",
            run.ModelNames, run.AttributorLabels, columns);
    }

    /// <summary>The table's id on <paramref name="dataset"/>.</summary>
    public static string IdFor(string dataset) => $"survey_cost_{TableLayout.Slug(dataset)}";

    /// <summary>Per-attribution cost of the done cells of model x dataset x attributor, keyed like metric units.</summary>
    public static IReadOnlyDictionary<string, double> Cost(RunResults run, string model, string dataset, string attributor, Func<AttributionRecord, double> select)
    {
        var cells = run.Cells.Where(c => c.Done && c.Model == model && c.Dataset == dataset && c.Attributor == attributor)
            .ToDictionary(c => c.CellId, c => c.Seed, StringComparer.Ordinal);
        return run.Attributions.Where(a => cells.ContainsKey(a.CellId))
            .ToDictionary(a => $"{cells[a.CellId]}/{a.ItemKey}", select, StringComparer.Ordinal);
    }
}
