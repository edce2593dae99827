using System.Text.Json;
using Harness.Reporting.Figures;
using Harness.Reporting.Results;
using Harness.Reporting.Tables;

namespace Harness.Reporting.Tests;

/// <summary>What each figure plots, from the fixed store: values and intervals, named axes, one style per attributor across
/// figures, attributors without values named with the reason, one heatmap per example with attributors as rows.</summary>
[Fast]
public sealed class FigureTests
{
    private TemporaryFolder folder = null!;
    private RunResults run = null!;
    private IReadOnlyList<FigureSpec> figures = null!;

    [OneTimeSetUp]
    public void BuildFigures()
    {
        folder = new TemporaryFolder();
        run = RunResults.Load(FixtureRun.Create(folder.Combine("run")));
        figures = ReportFigures.Build(run, PaperTables.Build(run));
    }

    [OneTimeTearDown]
    public void Delete() => folder.Dispose();

    private ChartSpec Chart(string id) => (ChartSpec)figures.Single(f => f.Id == id);

    [Test]
    public void Bars_carry_every_table_entry_with_its_interval()
    {
        var table = ReAgentSoftTable.Build(run, FixtureRun.Dataset, AggregationLevel.Token)!;
        var bars = Chart("reagent_token_wikibio_bars");
        var reagent = bars.Panels.Single(p => p.Model == "gpt2" && p.Metric == "Soft-NS").Points.Single(p => p.Series == "reagent");
        var entry = table.Rows.Single(r => r.Label == "reagent").Values[0]!;

        Assert.Multiple(() =>
        {
            Assert.That(bars.Points.Count(), Is.EqualTo(12), "2 models x 2 metrics x 3 attributors");
            Assert.That((reagent.Y, reagent.Lower, reagent.Upper), Is.EqualTo((entry.Estimate, entry.Lower, entry.Upper)));
            Assert.That(bars.XAxis, Is.EqualTo(ChartAxisKind.Categories));
        });
    }

    [Test]
    public void The_pi_curve_has_nine_points_per_model_and_attributor_at_the_mean_of_each_part_inside_its_interval()
    {
        var curve = Chart("pi_curves_wikibio");
        var point = curve.Panels.Single(p => p.Model == "llama").Points.Single(p => p.Series == "saliency" && Math.Abs(p.X - 0.5) < 1e-9);
        var units = Enumerable.Range(0, FixtureRun.Examples).SelectMany(e => FixtureRun.Steps.Select(s => FixtureRun.Quality("llama", "saliency", e, s) * 0.5)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(curve.Points.Count(), Is.EqualTo(9 * FixtureRun.Models.Length * FixtureRun.Attributors.Length));
            Assert.That(point.Y, Is.EqualTo(units.Average()).Within(1e-12));
            Assert.That(point.HasInterval && point.Lower < point.Y && point.Y < point.Upper, Is.True, $"{point.Lower} < {point.Y} < {point.Upper}");
        });
    }

    [Test]
    public void Every_axis_names_its_quantity_and_unit()
    {
        var charts = figures.OfType<ChartSpec>().ToList();
        var titles = charts.SelectMany(c => c.Panels.Select(p => p.ValueTitle)).Concat(charts.Where(c => c.XAxis != ChartAxisKind.Categories).Select(c => c.XTitle)).Distinct().ToList();

        Assert.That(titles, Has.None.EqualTo("Mean").And.None.EqualTo("Value").And.None.Empty);
        Assert.That(titles, Has.All.Match(@"\(.+\)|: "), "a unit in parentheses, or 'metric: statistic'");
        Assert.That(Chart("aopc_curves_wikibio").XTitle, Is.EqualTo("Threshold k (% of sources)"));
    }

    [Test]
    public void An_attributor_looks_the_same_in_every_figure_of_a_report()
    {
        var styles = figures.OfType<ChartSpec>().SelectMany(c => c.Legend).GroupBy(l => l.Series).ToList();

        Assert.That(styles.Where(g => g.Select(l => l.Style).Distinct().Count() > 1).Select(g => g.Key), Is.Empty);
        Assert.That(styles.Select(g => g.First().Style).Distinct().Count(), Is.EqualTo(styles.Count), "and no two attributors look alike");
    }

    [Test]
    public void An_attributor_whose_cells_failed_is_in_the_legend_as_not_available_with_the_error()
    {
        var failed = run with
        {
            Cells = [.. run.Cells, .. FixtureRun.Models.Select(m => new CellRecord($"{m}/wikibio/lime/seed=0", m, FixtureRun.Dataset, "lime", "lime", 0, false, "lime ran out of memory\nstack trace", 5))],
        };

        var pi = (ChartSpec)ReportFigures.Build(failed, PaperTables.Build(failed)).Single(f => f.Id == "pi_curves_wikibio");

        Assert.That(pi.Legend.Single(l => l.Series == "lime").Label, Is.EqualTo("lime: n/a (failed: lime ran out of memory)"));
        Assert.That(pi.Legend.Single(l => l.Series == "reagent").Missing, Is.Null);
    }

    [Test]
    public void An_attributor_missing_in_one_model_only_says_where()
    {
        var failed = run with
        {
            Cells = run.Cells.Select(c => c.Model == "llama" && c.Attributor == "saliency" ? c with { Done = false, Error = "no estimator" } : c).ToList(),
        };

        var pi = (ChartSpec)ReportFigures.Build(failed, PaperTables.Build(failed)).Single(f => f.Id == "pi_curves_wikibio");

        Assert.That(pi.Legend.Single(l => l.Series == "saliency").Label, Is.EqualTo("saliency: n/a for llama (failed: no estimator)"));
        Assert.That(pi.Panels.Single(p => p.Model == "gpt2").Points.Select(p => p.Series), Does.Contain("saliency"));
    }

    [Test]
    public void An_attributor_with_no_example_attributed_says_so()
    {
        var empty = run with { Attributions = run.Attributions.Where(a => !a.CellId.StartsWith("llama/wikibio/saliency/", StringComparison.Ordinal)).ToList() };

        var cost = (ChartSpec)ReportFigures.Build(empty, PaperTables.Build(empty)).Single(f => f.Id == "cost_faithfulness_wikibio");

        Assert.That(cost.Legend.Single(l => l.Series == "saliency").Label, Is.EqualTo("saliency: n/a for llama (no example attributed)"));
    }

    [Test]
    public void A_chart_without_a_single_value_is_left_out()
    {
        var randomOnly = run.Cells.Where(c => c.Attributor == RunResults.RandomLabel).Select(c => c.CellId).ToHashSet();
        var noSoft = run with { Metrics = run.Metrics.Where(m => !m.Metric.StartsWith("soft_", StringComparison.Ordinal) || randomOnly.Contains(m.CellId)).ToList() };

        var ids = ReportFigures.Build(noSoft, PaperTables.Build(noSoft)).Select(f => f.Id).ToList();

        Assert.That(PaperTables.Build(noSoft).Select(t => t.Id), Does.Contain("reagent_token_wikibio"), "the table is still there, every entry empty");
        Assert.That(ids, Does.Not.Contain("reagent_token_wikibio_bars").And.Contain("pi_curves_wikibio"));
    }

    [Test]
    public void The_heatmap_is_one_figure_per_example_with_every_attributor_but_random_as_rows()
    {
        var heatmap = figures.OfType<HeatmapSpec>().Single();

        Assert.Multiple(() =>
        {
            Assert.That(heatmap.Id, Is.EqualTo("heatmap_wikibio_e0"));
            Assert.That(heatmap.Targets.Select(t => t.Step), Is.EqualTo(FixtureRun.Steps));
            Assert.That(heatmap.Targets.Select(t => t.Rows.Select(r => r.Attributor)), Has.All.EqualTo(new[] { "saliency", "integrated_gradients", "reagent" }));
            // Example e0: step 0 scores the 5 context tokens, step 2 the 7 of its longer prefix.
            Assert.That(heatmap.Targets.Select(t => HeatmapSpec.ScoredSources(t).Count), Is.EqualTo(new[] { FixtureRun.ContextLength, FixtureRun.ContextLength + 2 }));
            Assert.That(heatmap.Targets.SelectMany(t => t.Rows).Select(r => r.Shares.Where(double.IsFinite).Sum(Math.Abs)), Has.All.EqualTo(1).Within(1e-9));
            Assert.That(heatmap.Scale.Signed, Is.False, "the fixture's scores are positive");
            Assert.That(heatmap.Scale.Max, Is.EqualTo(heatmap.Targets.SelectMany(t => t.Rows).SelectMany(r => r.Shares).Where(double.IsFinite).Max()), "one scale for every row");
        });
    }

    [Test]
    public void Beside_the_survey_table_its_figure_1_plots_the_heatmaps_example_as_Captum_does_a_panel_per_attributor()
    {
        var plot = figures.OfType<CaptumTokenPlotSpec>().Single();
        var heatmap = figures.OfType<HeatmapSpec>().Single();

        Assert.Multiple(() =>
        {
            Assert.That(plot.Id, Is.EqualTo("survey_figure1_wikibio"));
            Assert.That((plot.Model, plot.ExampleId), Is.EqualTo((heatmap.Model, heatmap.ExampleId)));
            Assert.That(plot.Panels.Select(p => p.Attributor), Is.EqualTo(new[] { "saliency", "integrated_gradients", "reagent" }));
            foreach (var panel in plot.Panels)
            {
                // The raw scores, not the heatmap's shares, one row per target; each panel on its own +-max|score|.
                Assert.That(panel.Scores, Is.EqualTo(heatmap.Targets.Select(t => t.Rows.Single(r => r.Attributor == panel.Attributor).Scores)), panel.Attributor);
                Assert.That(panel.Range.Max, Is.EqualTo(panel.Scores.SelectMany(r => r).Where(double.IsFinite).Max(Math.Abs)), panel.Attributor);
            }
        });
    }

    [Test]
    public void A_run_without_the_survey_table_has_no_survey_figure()
    {
        var tables = PaperTables.Build(run).Where(t => !t.Id.StartsWith("survey_cost_", StringComparison.Ordinal)).ToList();

        Assert.That(ReportFigures.Build(run, tables).OfType<CaptumTokenPlotSpec>(), Is.Empty);
    }

    [Test]
    public void The_data_file_holds_every_plotted_point_with_its_interval()
    {
        var curve = Chart("pi_curves_wikibio");
        using var json = JsonDocument.Parse(curve.ToJson());
        var points = json.RootElement.GetProperty("points").EnumerateArray().ToList();
        var first = curve.Panels[0].Points[0];

        Assert.That(points, Has.Count.EqualTo(curve.Points.Count()));
        Assert.That(points[0].GetProperty("attributor").GetString(), Is.EqualTo(first.Series));
        Assert.That(points[0].GetProperty("lower").GetDouble(), Is.EqualTo(first.Lower));
    }

    [Test]
    public void A_missing_number_is_null_in_the_data_file()
    {
        var chart = MetricCurveFigure.Build("t", "t", null, "x (unit)", [new MetricCurveFigure.Point("m", "metric", "a", 1, 0.5)], ["m"], ["a"],
            metric => metric, new AttributorStyles(["a"]), (_, _, _) => "");

        using var json = JsonDocument.Parse(chart.ToJson());

        Assert.That(json.RootElement.GetProperty("points")[0].GetProperty("lower").ValueKind, Is.EqualTo(JsonValueKind.Null), "no interval was given");
    }
}
