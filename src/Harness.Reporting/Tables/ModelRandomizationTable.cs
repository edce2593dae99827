using Harness.Evaluation.Sanity;
using Harness.Reporting.Results;

namespace Harness.Reporting.Tables;

/// <summary>
/// Do the scores depend on the model? (spec/metrics.md section 8; Adebayo et al. 2018's cascading randomisation.) Per
/// dataset, the mean model_randomization value: Spearman's rho between each attributor's scores and those it gives on a
/// copy of the model whose top decoder blocks are re-initialised, with bootstrap 95% intervals; lower is better, and a
/// method blind to the model (random) scores 1.
/// </summary>
public static class ModelRandomizationTable
{
    /// <summary>The table over the datasets with model_randomization values; null when the run has none.</summary>
    public static ResultTable? Build(RunResults run)
    {
        var label = MetricSamples.LabelOf(run, ModelRandomization.MetricName);
        if (label is null) return null;
        var datasets = TableLayout.DatasetsWithValues(run, label);
        if (datasets.Count == 0) return null;
        var options = run.Metrics.First(m => m.Label == label).Options;
        var depth = options.TryGetValue("layers", out var layers) && layers is not ("" or "null" or "none")
            ? $"top {layers} decoder block{(layers == "1" ? "" : "s")}"
            : "decoder blocks (all of them)";
        var columns = datasets.Select(d => new ColumnSpec($"{d} ρ", BestDirection.Lower, 3, (m, a) =>
            TableLayout.Mean(MetricSamples.Values(run, m, d, a, label, AggregationLevel.Token)))).ToList();
        return TableLayout.Build(
            ModelRandomization.MetricName,
            "Model randomisation: do the scores depend on the model?",
            $"Spearman's ρ between each attributor's scores and those it gives on a copy of the model whose {depth} are " +
            "re-initialised (Adebayo et al. 2018, cascading randomisation), per dataset; lower is better: an explanation of the " +
            "model changes with it, and random, blind to the model, scores 1. Means with bootstrap 95% intervals (1000 resamples).",
            run.ModelNames, TableLayout.WithRandom(run), columns);
    }
}
