using System.Globalization;
using Harness.Evaluation.Applications;
using Harness.Evaluation.Core;
using Harness.Evaluation.Eraser;
using Harness.Evaluation.Soft;
using Harness.Reporting.Results;
using Harness.Reporting.Tables;
using Harness.Attribution.Methods;
using Harness.Evaluation.ContextAttribution;

namespace Harness.Reporting.Figures;

/// <summary>
/// Every figure the run has data for, per dataset: bars for the ReAGent and AT2 tables, pi-Soft and AOPC curves, AT2's
/// context pruning curve (Fig. 5), ReAGent's metrics over its update steps, cost against faithfulness, and the token
/// heatmap of the dataset's first example (first model, every attributor but random as rows), and with the survey's table
/// its Figure 1 (the same example as Captum plots it). Every figure of a report
/// draws each attributor with the same <see cref="AttributorStyles"/>.
/// </summary>
public static class ReportFigures
{
    /// <summary>The figures of <paramref name="run"/>, the bar figures drawn from <paramref name="tables"/>.</summary>
    public static IReadOnlyList<FigureSpec> Build(RunResults run, IReadOnlyList<ResultTable> tables)
    {
        var styles = StylesOf(run);
        var figures = new List<FigureSpec>();
        foreach (var dataset in run.DatasetNames)
        {
            var slug = TableLayout.Slug(dataset);
            string Reason(string model, string metric, string series) => MissingReason.For(run, model, dataset, series, MetricSamples.LabelOf(run, metric));
            foreach (var table in tables.Where(t => IsBarTable(t) && TableDataset.Of(t, run.DatasetNames) == dataset))
                figures.Add(GroupedBarFigure.FromTable(table, $"{table.Id}_bars", table.Title, dataset, styles, (m, a) => MissingReason.For(run, m, dataset, a)));
            var series = TableLayout.WithRandom(run);
            if (Curve(run, dataset, [PiSoftMetric.SufficiencyName, PiSoftMetric.ComprehensivenessName], PiSoftMetric.AtPi) is { Count: > 0 } pi)
                figures.Add(MetricCurveFigure.Build($"pi_curves_{slug}", $"π-Soft-NS and π-Soft-NC over the keep fraction π on {dataset}", dataset,
                    AxisTitles.KeepFraction, pi, run.ModelNames, series, AxisTitles.Metric, styles, Reason));
            if (Curve(run, dataset, [Aopc.ComprehensivenessName, Aopc.SufficiencyName], k => Aopc.AtThreshold((int)k)) is { Count: > 0 } aopc)
                figures.Add(MetricCurveFigure.Build($"aopc_curves_{slug}", $"Comprehensiveness and sufficiency over k on {dataset}", dataset,
                    AxisTitles.Threshold, aopc, run.ModelNames, series, AxisTitles.Metric, styles, Reason));
            if (PruningCurve(run, dataset) is { Count: > 0 } pruning)
                figures.Add(MetricCurveFigure.Build($"pruning_{slug}", $"Answer F1 (against the gold answers) over the number of kept sources on {dataset}", dataset,
                    AxisTitles.KeptSources, pruning, run.ModelNames, [.. series, .. References.Select(r => r.Series)], AxisTitles.Metric, styles, Reason));
            if (ReAgentStepCurve(run, dataset) is { Count: > 0 } steps)
                figures.Add(MetricCurveFigure.Build($"reagent_steps_{slug}", $"Metrics over ReAGent's update steps on {dataset}", dataset,
                    AxisTitles.ReAgentSteps, steps, steps.Select(p => p.Model).Distinct().ToList(), [ReAgent.MethodName],
                    label => AxisTitles.Metric(run.Metrics.First(m => m.Label == label).Metric), styles, (_, _, _) => "no value"));
            if (CostFigure(run, dataset, styles) is { } cost) figures.Add(cost);
            if (Heatmap(run, dataset) is { } heatmap) figures.Add(heatmap);
            if (tables.Any(t => t.Id == CostSufficiencyTable.IdFor(dataset)) && SurveyFigure1(run, dataset) is { } survey) figures.Add(survey);
        }

        // A chart without a single value says nothing the table beside it does not (its entries are empty too).
        return figures.Where(f => f is not ChartSpec chart || chart.Points.Any()).ToList();
    }

    /// <summary>One style per attributor in the run's order (the random baseline keeps its grey).</summary>
    public static AttributorStyles StylesOf(RunResults run) => new(run.AttributorLabels);

    /// <summary>The heatmap of the dataset's first example for its first model, every attributor but random as rows.</summary>
    public static HeatmapSpec? Heatmap(RunResults run, string dataset)
    {
        if (FirstExample(run, dataset) is not var (model, example)) return null;
        return TokenHeatmapFigure.Build(run, model, dataset, example, run.AttributorLabels, TokenText.For(run.Models.FirstOrDefault(m => m.Name == model)),
            $"heatmap_{TableLayout.Slug(dataset)}_{TableLayout.Slug(example)}", dataset);
    }

    /// <summary>
    /// Beside the survey's Table I, its Figure 1: the dataset's first example (first model) as Captum's plot_token_attr
    /// draws an LLMAttribution result, the tool whose FeatureAblation and ShapleyValueSampling the table compares, one
    /// panel per attributor but random. What the survey's figure shows is not in the material the project has; docs/papers.md
    /// says so and why this plot stands for it.
    /// </summary>
    public static CaptumTokenPlotSpec? SurveyFigure1(RunResults run, string dataset)
    {
        if (FirstExample(run, dataset) is not var (model, example)) return null;
        return CaptumTokenPlotFigure.Build(run, model, dataset, example, run.AttributorLabels, TokenText.For(run.Models.FirstOrDefault(m => m.Name == model)),
            $"survey_figure1_{TableLayout.Slug(dataset)}", $"Figure 1 (survey): {dataset} example {example} ({model}) as Captum plots token attributions");
    }

    /// <summary>The dataset's first model and the first example attributed for it; null when there is none.</summary>
    private static (string Model, string Example)? FirstExample(RunResults run, string dataset)
    {
        var model = run.Cells.FirstOrDefault(c => c.Dataset == dataset)?.Model;
        if (model is null) return null;
        var cells = run.CellIds(model, dataset);
        var example = run.Attributions.Where(a => cells.Contains(a.CellId)).Select(a => a.ExampleId).FirstOrDefault();
        return example is null ? null : (model, example);
    }

    /// <summary>AT2 Fig. 5's reference lines, which do not depend on the attributor: their series and their contexts' parts.</summary>
    private static readonly (string Series, PartKey Context)[] References = [("(unpruned)", ContextPruning.Unpruned), ("(oracle)", ContextPruning.Oracle)];

    private static bool IsBarTable(ResultTable table) =>
        table.Id.StartsWith("reagent_", StringComparison.Ordinal) || table.Id.StartsWith("at2_", StringComparison.Ordinal);

    /// <summary>AT2 Fig. 5: context_pruning's mean answer F1 at each k per attributor, with the unpruned
    /// and oracle contexts as flat reference lines over the same ks.</summary>
    private static List<MetricCurveFigure.Point> PruningCurve(RunResults run, string dataset)
    {
        var points = Curve(run, dataset, [ContextPruning.MetricName], k => ContextPruning.Kept((int)k) with { Measure = ContextPruning.F1 });
        if (points.Count == 0 || MetricSamples.LabelOf(run, ContextPruning.MetricName) is not { } label) return points;
        var ks = points.Select(p => p.X).Distinct().Order().ToList();
        foreach (var model in run.ModelNames)
        {
            var cells = run.Cells.Where(c => c.Done && c.Model == model && c.Dataset == dataset).Select(c => c.CellId).ToHashSet();
            var values = run.Metrics.Where(m => m.Label == label && cells.Contains(m.CellId)).ToList();
            foreach (var (reference, context) in References)
            {
                var mean = MetricSamples.FiniteMean(values.Select(m => m.Parts.GetValueOrDefault(context with { Measure = ContextPruning.F1 }, double.NaN)));
                if (double.IsFinite(mean)) points.AddRange(ks.Select(k => new MetricCurveFigure.Point(model, ContextPruning.MetricName, reference, k, mean)));
            }
        }

        return points;
    }

    /// <summary>ReAGent's curves over its update steps: the mean of each metric for reagent cells that differ
    /// only in max_steps (an experiment's grid over it, e.g. grid: {max_steps: [10, 100, 1000]}), with its interval.</summary>
    private static List<MetricCurveFigure.Point> ReAgentStepCurve(RunResults run, string dataset)
    {
        var points = new List<MetricCurveFigure.Point>();
        var cells = run.Cells.Where(c => c.Done && c.Dataset == dataset && c.AttributorName == ReAgent.MethodName && c.Options.ContainsKey("max_steps")).ToList();
        foreach (var model in cells.GroupBy(c => c.Model))
        {
            var bySteps = model.GroupBy(c => double.Parse(c.Options["max_steps"], CultureInfo.InvariantCulture)).ToList();
            if (bySteps.Count < 2) continue;
            foreach (var metric in run.Metrics.Select(m => m.Label).Distinct(StringComparer.Ordinal))
            foreach (var steps in bySteps)
            {
                var seeds = steps.ToDictionary(c => c.CellId, c => c.Seed, StringComparer.Ordinal);
                var values = run.Metrics.Where(m => m.Label == metric && seeds.ContainsKey(m.CellId))
                    .ToDictionary(m => $"{m.CellId}/{m.ItemKey}", m => m.Value, StringComparer.Ordinal);
                if (Mean(values) is { } mean) points.Add(new MetricCurveFigure.Point(model.Key, metric, ReAgent.MethodName, steps.Key, mean.Estimate, mean.Lower, mean.Upper));
            }
        }

        return points.OrderBy(p => p.Model, StringComparer.Ordinal).ThenBy(p => p.Metric, StringComparer.Ordinal).ThenBy(p => p.X).ToList();
    }

    /// <summary>Means of the parts that are points of a curve per model x attributor x metric, each with its bootstrap 95%
    /// interval over the units (seed, example, step): the parts whose key is <paramref name="point"/> at their x (e.g.
    /// <see cref="PiSoftMetric.AtPi"/>: "pi=0.1", not "ss pi=0.1").</summary>
    private static List<MetricCurveFigure.Point> Curve(RunResults run, string dataset, string[] metrics, Func<double, PartKey> point)
    {
        var points = new List<MetricCurveFigure.Point>();
        foreach (var metric in metrics)
        {
            if (MetricSamples.LabelOf(run, metric) is not { } label) continue;
            foreach (var model in run.ModelNames)
            foreach (var attributor in TableLayout.WithRandom(run))
            {
                var seeds = run.Cells.Where(c => c.Done && c.Model == model && c.Dataset == dataset && c.Attributor == attributor)
                    .ToDictionary(c => c.CellId, c => c.Seed, StringComparer.Ordinal);
                var parts = run.Metrics.Where(m => m.Label == label && seeds.ContainsKey(m.CellId))
                    .SelectMany(m => m.Parts.Where(p => p.Key.At is { } x && point(x) == p.Key)
                        .Select(p => (X: p.Key.At!.Value, Unit: $"{seeds[m.CellId]}/{m.ItemKey}", p.Value)))
                    .GroupBy(p => p.X);
                foreach (var group in parts)
                    if (Mean(group.ToDictionary(p => p.Unit, p => p.Value, StringComparer.Ordinal)) is { } mean)
                        points.Add(new MetricCurveFigure.Point(model, metric, attributor, group.Key, mean.Estimate, mean.Lower, mean.Upper));
            }
        }

        // Metrics in the order asked for (NS before NC, comprehensiveness before sufficiency): the panels follow it.
        return points.OrderBy(p => p.Model, StringComparer.Ordinal).ThenBy(p => Array.IndexOf(metrics, p.Metric)).ThenBy(p => p.X).ToList();
    }

    /// <summary>The mean with its bootstrap interval, or null when no value is finite.</summary>
    private static TableValue? Mean(IReadOnlyDictionary<string, double> values) =>
        values.Values.Any(double.IsFinite) ? TableValue.From(MetricSamples.Mean(values)) : null;

    /// <summary>Cost against the first faithfulness value the run has: Soft-NS log ratio to random, else LDS, else AOPC comprehensiveness.</summary>
    private static ChartSpec? CostFigure(RunResults run, string dataset, AttributorStyles styles)
    {
        var soft = MetricSamples.LabelOf(run, SoftMetric.SufficiencyName);
        var lds = MetricSamples.LabelOf(run, Lds.MetricName);
        var comp = MetricSamples.LabelOf(run, Aopc.ComprehensivenessName);
        var hasRandom = run.Cells.Any(c => c.Dataset == dataset && c.Attributor == RunResults.RandomLabel);
        var (title, label, value) = soft is not null && hasRandom
            ? ("Soft-NS: log(mean / mean of random)", soft, (Func<string, string, TableValue?>)((m, a) => TableValue.From(MetricSamples.RandomRatio(
                MetricSamples.Values(run, m, dataset, a, soft, AggregationLevel.Token),
                MetricSamples.Values(run, m, dataset, RunResults.RandomLabel, soft, AggregationLevel.Token)))))
            : lds is not null
                ? (AxisTitles.Metric(Lds.MetricName), lds, (m, a) => TableLayout.Mean(MetricSamples.Values(run, m, dataset, a, lds, AggregationLevel.Token)))
                : comp is not null
                    ? ("AOPC comprehensiveness (Δ p(target))", comp, (m, a) => TableLayout.Mean(MetricSamples.Values(run, m, dataset, a, comp, AggregationLevel.Token)))
                    : ("", "", (_, _) => null);
        if (label.Length == 0) return null;
        var points = new List<CostFaithfulnessFigure.Point>();
        foreach (var model in run.ModelNames)
        foreach (var attributor in run.AttributorLabels)
        {
            var ms = CostSufficiencyTable.Cost(run, model, dataset, attributor, r => r.WallMilliseconds);
            if (ms.Count == 0 || value(model, attributor) is not { } v || !double.IsFinite(v.Estimate)) continue;
            points.Add(new CostFaithfulnessFigure.Point(model, attributor, ms.Values.Average(), v.Estimate, v.Lower, v.Upper));
        }

        return points.Count == 0 ? null : CostFaithfulnessFigure.Build($"cost_faithfulness_{TableLayout.Slug(dataset)}", $"Cost against faithfulness on {dataset}",
            dataset, title, points, run.ModelNames, run.AttributorLabels, styles, (m, a) => MissingReason.For(run, m, dataset, a, label));
    }
}
