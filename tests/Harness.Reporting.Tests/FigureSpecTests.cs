using System.Text.Json.Nodes;
using Harness.Reporting.Figures;
using Harness.Reporting.Results;
using Harness.Reporting.Tables;

namespace Harness.Reporting.Tests;

/// <summary>The Vega-Lite specs: valid against vega-lite's JSON schema and compiled without warnings; data inline and complete.</summary>
public sealed class FigureSpecTests
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

    [Test]
    public void Every_figure_spec_is_valid_against_the_Vega_Lite_schema()
    {
        var paths = figures.Select(f =>
        {
            var path = folder.Combine($"{f.Id}.vl.json");
            File.WriteAllText(path, f.ToJson());
            return path;
        }).ToList();

        var checks = FigureRenderer.Locate().Validate(paths);

        Assert.That(checks.Where(c => !c.Ok).Select(c => $"{Path.GetFileName(c.SpecPath)}: {string.Join("; ", c.Errors)}"), Is.Empty);
        Assert.That(checks, Has.Count.EqualTo(figures.Count));
    }

    [Test]
    public void The_validator_rejects_a_spec_that_breaks_the_schema()
    {
        var spec = figures[0].Spec.DeepClone().AsObject();
        spec["mark"] = "not_a_mark";
        var path = folder.Combine("broken.vl.json");
        File.WriteAllText(path, spec.ToJsonString());

        var check = FigureRenderer.Locate().Validate([path]).Single();

        Assert.That(check.Ok, Is.False);
        Assert.That(check.Errors, Has.Some.StartsWith("schema:"));
    }

    [Test]
    public void Bars_carry_every_table_entry_inline_with_its_interval()
    {
        var table = ReAgentSoftTable.Build(run, FixtureRun.Dataset, AggregationLevel.Token)!;
        var spec = GroupedBarFigure.FromTable(table, "bars", "t").Spec;
        var rows = spec["data"]!["values"]!.AsArray();
        var reagent = rows.Single(r => (string)r!["model"]! == "gpt2" && (string)r["metric"]! == "Soft-NS" && (string)r["attributor"]! == "reagent")!;
        var entry = table.Rows.Single(r => r.Label == "reagent").Values[0]!;

        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(12));
            Assert.That((double)reagent["estimate"]!, Is.EqualTo(entry.Estimate));
            Assert.That((double)reagent["lower"]!, Is.EqualTo(entry.Lower));
            Assert.That((double)reagent["upper"]!, Is.EqualTo(entry.Upper));
            Assert.That((string)spec["$schema"]!, Is.EqualTo(VegaLite.Schema));
            Assert.That((string)spec["spec"]!["layer"]![0]!["params"]![0]!["bind"]!, Is.EqualTo("legend"), "the legend highlights an attributor");
        });
    }

    [Test]
    public void The_pi_curve_has_nine_points_per_model_and_attributor_at_the_mean_of_each_part()
    {
        var curve = figures.Single(f => f.Id == "pi_curves_wikibio").Spec["data"]!["values"]!.AsArray();
        var point = curve.Single(r => (string)r!["model"]! == "llama" && (string)r["attributor"]! == "saliency" && Math.Abs((double)r["x"]! - 0.5) < 1e-9)!;
        var units = Enumerable.Range(0, FixtureRun.Examples).SelectMany(e => FixtureRun.Steps.Select(s => FixtureRun.Quality("llama", "saliency", e, s) * 0.5));

        Assert.Multiple(() =>
        {
            Assert.That(curve, Has.Count.EqualTo(9 * FixtureRun.Models.Length * FixtureRun.Attributors.Length));
            Assert.That((double)point["mean"]!, Is.EqualTo(units.Average()).Within(1e-12));
        });
    }

    [Test]
    public void A_heatmap_has_one_cell_per_scored_source_of_each_step()
    {
        var heatmap = figures.Single(f => f.Id == "heatmap_wikibio_reagent").Spec["data"]!["values"]!.AsArray();

        // Example e0: step 0 scores the 5 context tokens, step 2 the 7 of its longer prefix.
        Assert.That(heatmap.Count(r => (int)r!["row"]! == 0), Is.EqualTo(FixtureRun.ContextLength));
        Assert.That(heatmap.Count(r => (int)r!["row"]! == 1), Is.EqualTo(FixtureRun.ContextLength + 2));
    }

    [Test]
    public void Missing_numbers_become_null_not_NaN()
    {
        Assert.That(VegaLite.Number(double.NaN), Is.Null);
        Assert.That(new JsonObject { ["v"] = VegaLite.Number(double.NaN) }.ToJsonString(), Is.EqualTo("{\"v\":null}"));
    }

    [Test]
    public void A_renderer_folder_without_node_modules_names_the_set_up_command()
    {
        using var empty = new TemporaryFolder();
        File.WriteAllText(empty.Combine("render.mjs"), "");

        var error = Assert.Throws<RendererException>(() => _ = new FigureRenderer(empty.Path));

        Assert.That(error!.Message, Does.Contain("node_modules").And.Contain("run-all.sh setup"));
    }
}
