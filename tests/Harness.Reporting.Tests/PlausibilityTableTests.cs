using Harness.Reporting.Results;
using Harness.Reporting.Tables;

namespace Harness.Reporting.Tests;

/// <summary>The plausibility table names the measure its values are: ERASER's average precision by default, ferret's
/// AUPRC when the run's plausibility metric used `protocol: ferret`.</summary>
[Fast]
public sealed class PlausibilityTableTests
{
    [TestCase(null, "wikibio AP", "Average precision (ERASER's)")]
    [TestCase("eraser", "wikibio AP", "Average precision (ERASER's)")]
    [TestCase("ferret", "wikibio AUPRC", "ferret's AUPRC")]
    public void The_columns_and_caption_name_the_protocols_measure(string? protocol, string column, string caption)
    {
        using var folder = new TemporaryFolder();
        var options = protocol is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["protocol"] = protocol };
        var run = RunResults.Load(FixtureRun.Create(folder.Combine("run"), examples: 3, plausibility: options));

        var table = PlausibilityTable.Build(run)!;

        Assert.That(table.Columns.Select(c => (c.Group, c.Header)), Is.EqualTo(FixtureRun.Models.Select(m => (m, column))), "a column per model");
        Assert.That(table.Caption, Does.StartWith(caption));
        Assert.That(table.Rows, Has.Count.EqualTo(FixtureRun.Attributors.Length));
    }

    [Test]
    public void A_run_without_plausibility_values_has_no_table()
    {
        using var folder = new TemporaryFolder();

        Assert.That(PlausibilityTable.Build(RunResults.Load(FixtureRun.Create(folder.Combine("run"), examples: 3))), Is.Null);
    }
}
