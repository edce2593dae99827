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
            if (PruningCurve(run, dataset) is { Count: > 0 } pruning)
                figures.Add(MetricCurveFigure.Build($"pruning_{slug}", $"Answer F1 against the number of kept sources on {dataset}", "Kept sources k", pruning));
            if (ReAgentStepCurve(run, dataset) is { Count: > 0 } steps)
                figures.Add(MetricCurveFigure.Build($"reagent_steps_{slug}", $"Metrics over ReAGent's update steps on {dataset}", "ReAGent max_steps", steps));
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

    /// <summary>AT2 Fig. 5: context_pruning's mean answer F1 at each k per attributor, with the unpruned
    /// and oracle contexts as flat reference lines over the same ks.</summary>
    private static List<MetricCurveFigure.Point> PruningCurve(RunResults run, string dataset)
    {
        var points = Curve(run, dataset, ["context_pruning"], "f1 k=");
        if (points.Count == 0 || MetricSamples.LabelOf(run, "context_pruning") is not { } label) return points;
        var ks = points.Select(p => p.X).Distinct().Order().ToList();
        foreach (var model in run.ModelNames)
        {
            var cells = run.Cells.Where(c => c.Done && c.Model == model && c.Dataset == dataset).Select(c => c.CellId).ToHashSet();
            var values = run.Metrics.Where(m => m.Label == label && cells.Contains(m.CellId)).ToList();
            foreach (var reference in new[] { "unpruned", "oracle" })
            {
                var mean = MetricSamples.FiniteMean(values.Select(m => m.Parts.GetValueOrDefault($"f1 {reference}", double.NaN)));
                if (double.IsFinite(mean)) points.AddRange(ks.Select(k => new MetricCurveFigure.Point(model, "context_pruning", $"({reference})", k, mean)));
            }
        }

        return points;
    }

    /// <summary>ReAGent's curves over its update steps: the mean of each metric for reagent cells that differ
    /// only in max_steps (an experiment's grid over it, e.g. grid: {max_steps: [10, 100, 1000]}).</summary>
    private static List<MetricCurveFigure.Point> ReAgentStepCurve(RunResults run, string dataset)
    {
        var points = new List<MetricCurveFigure.Point>();
        var cells = run.Cells.Where(c => c.Done && c.Dataset == dataset && c.AttributorName == "reagent" && c.Options.ContainsKey("max_steps")).ToList();
        foreach (var model in cells.GroupBy(c => c.Model))
        {
            var bySteps = model.GroupBy(c => double.Parse(c.Options["max_steps"], CultureInfo.InvariantCulture)).ToList();
            if (bySteps.Count < 2) continue;
            foreach (var metric in run.Metrics.Select(m => m.Label).Distinct(StringComparer.Ordinal))
            foreach (var steps in bySteps)
            {
                var ids = steps.Select(c => c.CellId).ToHashSet();
                var mean = MetricSamples.FiniteMean(run.Metrics.Where(m => m.Label == metric && ids.Contains(m.CellId)).Select(m => m.Value));
                if (double.IsFinite(mean)) points.Add(new MetricCurveFigure.Point(model.Key, metric, "reagent", steps.Key, mean));
            }
        }

        return points.OrderBy(p => p.Model, StringComparer.Ordinal).ThenBy(p => p.Metric, StringComparer.Ordinal).ThenBy(p => p.X).ToList();
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
