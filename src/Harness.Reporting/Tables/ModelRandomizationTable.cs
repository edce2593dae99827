using Harness.Evaluation.Sanity;
using Harness.Reporting.Results;

namespace Harness.Reporting.Tables;

/// <summary>
/// Do the scores depend on the model? (spec/metrics.md section 8; Adebayo et al. 2018's cascading randomisation.) Per
/// dataset, the mean model_randomization value: Spearman's rho between each attributor's scores and those it gives on a
/// copy of the model whose top decoder blocks are re-initialised, with bootstrap 95% intervals; lower is better, and a
/// method blind to the model (random) scores 1. A run that lists the metric once per depth (the cascade) gets a column per
/// depth.
/// </summary>
public static class ModelRandomizationTable
{
    /// <summary>The table over the datasets with model_randomization values; null when the run has none.</summary>
    public static ResultTable? Build(RunResults run)
    {
        var labels = run.Metrics.Where(m => m.Metric == ModelRandomization.MetricName).Select(m => m.Label).Distinct(StringComparer.Ordinal).ToList();
        if (labels.Count == 0) return null;
        var datasets = labels.SelectMany(l => TableLayout.DatasetsWithValues(run, l)).Distinct(StringComparer.Ordinal).ToList();
        if (datasets.Count == 0) return null;
        var depths = labels.ToDictionary(l => l, l => Depth(run.Metrics.First(m => m.Label == l).Options), StringComparer.Ordinal);
        var columns = datasets.SelectMany(d => labels.Select(l => new ColumnSpec(labels.Count == 1 ? $"{d} ρ" : $"{d} {l} ρ", BestDirection.Lower, 3,
            (m, a) => TableLayout.Mean(MetricSamples.Values(run, m, d, a, l, AggregationLevel.Token))))).ToList();
        var copies = labels.Count == 1 ? $"whose {depths[labels[0]]} are" : $"whose blocks are ({string.Join("; ", labels.Select(l => $"{l}: {depths[l]}"))})";
        return TableLayout.Build(
            ModelRandomization.MetricName,
            "Model randomisation: do the scores depend on the model?",
            $"Spearman's ρ between each attributor's scores and those it gives on a copy of the model {copies} " +
            "re-initialised (Adebayo et al. 2018, cascading randomisation), per dataset; lower is better: an explanation of the " +
            "model changes with it, and random, blind to the model, scores 1. Means with bootstrap 95% intervals (1000 resamples).",
            run.ModelNames, TableLayout.WithRandom(run), columns);
    }

    /// <summary>The blocks a metric entry re-initialised, from its recorded `layers` option.</summary>
    private static string Depth(IReadOnlyDictionary<string, string> options) =>
        options.TryGetValue("layers", out var layers) && layers is not ("" or "null" or "none")
            ? $"top {layers} decoder block{(layers == "1" ? "" : "s")}"
            : "decoder blocks (all of them)";
}
