using Harness.Reporting.Results;
using Harness.Reporting.Tables;

namespace Harness.Reporting.Tests;

/// <summary>The model randomisation table (spec/metrics.md section 8): rho per model and dataset, lower marked best, random
/// as the reference row at 1, and the depth the copy was re-initialised to in the caption.</summary>
[Fast]
public sealed class ModelRandomizationTableTests
{
    [TestCase(null, "decoder blocks (all of them)")]
    [TestCase("1", "top 1 decoder block are")]
    [TestCase("3", "top 3 decoder blocks")]
    public void Rows_are_attributors_columns_models_and_the_caption_names_the_depth(string? layers, string depth)
    {
        using var folder = new TemporaryFolder();
        var options = layers is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["layers"] = layers };
        var run = RunResults.Load(FixtureRun.Create(folder.Combine("run"), examples: 3, modelRandomization: options));

        var table = ModelRandomizationTable.Build(run)!;

        Assert.Multiple(() =>
        {
            Assert.That(table.Columns.Select(c => (c.Group, c.Header, c.Best)),
                Is.EqualTo(FixtureRun.Models.Select(m => (m, $"{FixtureRun.Dataset} ρ", BestDirection.Lower))));
            Assert.That(table.Caption, Does.Contain(depth));
            Assert.That(table.Rows[^1].Label, Is.EqualTo("random"));
            Assert.That(table.Rows[^1].Values.Select(v => v!.Estimate), Has.All.EqualTo(1.0));
            Assert.That(table.Rows.First(r => r.Label == "reagent").Values.Select(v => v!.Estimate), Has.All.LessThan(1.0));
        });
    }

    [Test]
    public void A_cascade_of_depths_gets_a_column_per_depth()
    {
        using var folder = new TemporaryFolder();
        var run = RunResults.Load(FixtureRun.Create(folder.Combine("run"), examples: 3, modelRandomization: new Dictionary<string, string> { ["layers"] = "1" }));
        var top = run.Metrics.Where(m => m.Metric == "model_randomization").ToList();
        var cascade = run with { Metrics = [.. run.Metrics, .. top.Select(m => m with { Label = "all_blocks", Value = m.Value / 2, Options = new Dictionary<string, string>() })] };

        var table = ModelRandomizationTable.Build(cascade)!;

        Assert.Multiple(() =>
        {
            Assert.That(table.Columns.Select(c => c.Header).Distinct(), Is.EqualTo(new[] { $"{FixtureRun.Dataset} model_randomization ρ", $"{FixtureRun.Dataset} all_blocks ρ" }));
            Assert.That(table.Caption, Does.Contain("model_randomization: top 1 decoder block; all_blocks: decoder blocks (all of them)"));
        });
    }

    [Test]
    public void A_run_without_model_randomization_values_has_no_table()
    {
        using var folder = new TemporaryFolder();

        Assert.That(ModelRandomizationTable.Build(RunResults.Load(FixtureRun.Create(folder.Combine("run"), examples: 3))), Is.Null);
    }
}
