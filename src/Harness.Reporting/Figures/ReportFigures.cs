using System.Globalization;
using Harness.Reporting.Results;
using Harness.Reporting.Tables;

namespace Harness.Reporting.Figures;

/// <summary>
/// Every figure the run has data for: bars for the ReAGent and AT2 tables, pi-Soft and AOPC curves,
/// cost against faithfulness, and token heatmaps of the first example of each dataset (first model,
/// every attributor but random). Not built: ReAGent's metric over its update steps and AT2's context
/// pruning curve (Fig. 5): the result store holds neither.
/// </summary>
public static class ReportFigures
{
    public static IReadOnlyList<FigureSpec> Build(RunResults run, IReadOnlyList<ResultTable> tables)
    {
        var figures = new List<FigureSpec>();
        foreach (var table in tables.Where(t => t.Id.StartsWith("reagent_", StringComparison.Ordinal) || t.Id.StartsWith("at2_", StringComparison.Ordinal)))
            figures.Add(GroupedBarFigure.FromTable(table, $"{table.Id}_bars", table.Title));
        foreach (var dataset in run.DatasetNames)
        {
            var slug = TableLayout.Slug(dataset);
            var pi = Curve(run, dataset, ["pi_soft_ns", "pi_soft_nc"], "pi=");
            if (pi.Count > 0) figures.Add(MetricCurveFigure.Build($"pi_curves_{slug}", $"pi-Soft-NS / pi-Soft-NC over pi on {dataset}", "Keep fraction pi", pi));
            var aopc = Curve(run, dataset, ["aopc_comprehensiveness", "aopc_sufficiency"], "k=");
            if (aopc.Count > 0) figures.Add(MetricCurveFigure.Build($"aopc_curves_{slug}", $"Comprehensiveness and sufficiency over k on {dataset}", "Threshold k (%)", aopc));
            if (CostPoints(run, dataset) is { } cost)
                figures.Add(CostFaithfulnessFigure.Build($"cost_faithfulness_{slug}", $"Cost against faithfulness on {dataset}", cost.Title, cost.Points));
            figures.AddRange(Heatmaps(run, dataset));
        }

        return figures;
    }

    /// <summary>The first model's heatmaps of one example: the first example of the dataset's items.</summary>
    public static IEnumerable<FigureSpec> Heatmaps(RunResults run, string dataset)
    {
        var model = run.Cells.FirstOrDefault(c => c.Dataset == dataset)?.Model;
        if (model is null) yield break;
        var cells = run.CellIds(model, dataset);
        var example = run.Attributions.Where(a => cells.Contains(a.CellId)).Select(a => a.ExampleId).FirstOrDefault();
        if (example is null) yield break;
        var text = TokenText.For(run.Models.FirstOrDefault(m => m.Name == model));
        foreach (var attributor in run.AttributorLabels)
        {
            if (ExampleHeatmap.Build(run, model, dataset, attributor, example, text) is not { } heatmap) continue;
            yield return TokenHeatmapFigure.Build(
                $"heatmap_{TableLayout.Slug(dataset)}_{TableLayout.Slug(attributor)}", $"{attributor} on {dataset} example {example} ({model})",
                heatmap.Sources, heatmap.Rows.Select(r => new TokenHeatmapFigure.Row(r.Target, r.Scores)).ToList());
        }
    }

    /// <summary>Means of the parts named PREFIX+x (e.g. "pi=0.1") per model x attributor x metric.</summary>
    private static List<MetricCurveFigure.Point> Curve(RunResults run, string dataset, string[] metrics, string prefix)
    {
        var points = new List<MetricCurveFigure.Point>();
        foreach (var metric in metrics)
        {
            if (MetricSamples.LabelOf(run, metric) is not { } label) continue;
            foreach (var model in run.ModelNames)
            foreach (var attributor in TableLayout.WithRandom(run))
            {
                var cells = run.Cells.Where(c => c.Done && c.Model == model && c.Dataset == dataset && c.Attributor == attributor).Select(c => c.CellId).ToHashSet();
                var parts = run.Metrics.Where(m => m.Label == label && cells.Contains(m.CellId))
                    .SelectMany(m => m.Parts.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)))
                    .GroupBy(p => p.Key);
                foreach (var group in parts)
                    if (double.TryParse(group.Key[prefix.Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
                        points.Add(new MetricCurveFigure.Point(model, metric, attributor, x, MetricSamples.FiniteMean(group.Select(p => p.Value))));
            }
        }

        return points.OrderBy(p => p.Model, StringComparer.Ordinal).ThenBy(p => p.Metric, StringComparer.Ordinal).ThenBy(p => p.X).ToList();
    }

    /// <summary>Cost points against the first faithfulness value the run has: Soft-NS log ratio to random, else LDS, else AOPC comprehensiveness.</summary>
    private static (string Title, List<CostFaithfulnessFigure.Point> Points)? CostPoints(RunResults run, string dataset)
    {
        var soft = MetricSamples.LabelOf(run, "soft_ns");
        var hasRandom = run.Cells.Any(c => c.Dataset == dataset && c.Attributor == RunResults.RandomLabel);
        var (title, value) = soft is not null && hasRandom
            ? ("Soft-NS (log ratio to random)", (Func<string, string, TableValue?>)((m, a) => TableValue.From(MetricSamples.RandomRatio(
                MetricSamples.Values(run, m, dataset, a, soft, AggregationLevel.Token),
                MetricSamples.Values(run, m, dataset, RunResults.RandomLabel, soft, AggregationLevel.Token)))))
            : MetricSamples.LabelOf(run, "lds") is { } lds
                ? ("LDS", (m, a) => TableLayout.Mean(MetricSamples.Values(run, m, dataset, a, lds, AggregationLevel.Token)))
                : MetricSamples.LabelOf(run, "aopc_comprehensiveness") is { } comp
                    ? ("AOPC comprehensiveness", (m, a) => TableLayout.Mean(MetricSamples.Values(run, m, dataset, a, comp, AggregationLevel.Token)))
                    : ("", (_, _) => null);
        var points = new List<CostFaithfulnessFigure.Point>();
        foreach (var model in run.ModelNames)
        foreach (var attributor in run.AttributorLabels)
        {
            var ms = CostSufficiencyTable.Cost(run, model, dataset, attributor, r => r.WallMilliseconds);
            if (ms.Count == 0 || value(model, attributor) is not { } v || !double.IsFinite(v.Estimate)) continue;
            var passes = CostSufficiencyTable.Cost(run, model, dataset, attributor, r => r.ForwardPasses);
            points.Add(new CostFaithfulnessFigure.Point(model, attributor, ms.Values.Average(), passes.Values.Average(), v.Estimate, v.Lower, v.Upper));
        }

        return points.Count == 0 ? null : (title, points);
    }
}
