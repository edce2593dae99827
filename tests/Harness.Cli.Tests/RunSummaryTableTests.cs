using System.Globalization;
using Harness.Cli.Commands;
using Harness.Experiments.Grid;
using Harness.Experiments.Running;
using Harness.Experiments.Yaml;

namespace Harness.Cli.Tests;

/// <summary>`harness run`'s closing summary on the quickstart's grid (16 attributors x 4 datasets x 11 metrics): it
/// fits 100 columns, shows every cell's time and the metrics that apply to its dataset, and nothing is lost to the width.</summary>
[TestFixture]
[Fast]
public sealed class RunSummaryTableTests
{
    private static readonly Harness.Experiments.Schema.ExperimentSpec Quickstart = ExperimentYaml.Load(RepositoryFolder.Combine("experiments", "quickstart.yaml"));

    /// <summary>A finished cell per quickstart cell, every metric that applies with a distinct mean (some negative, some long).</summary>
    private static List<CellSummary> QuickstartResults() =>
        GridExpander.Cells(Quickstart).Select((cell, i) => new CellSummary(cell, null, 1234.5 + i, 3,
            Quickstart.Metrics.Where(m => m.AppliesTo(cell.Dataset.Name)).Select((m, j) => (m.Label, Mean: (i * 31 + j * 7) % 19 == 0 ? -0.000123456 : (i - j) / 7.0))
                .ToDictionary(x => x.Label, x => x.Mean))).ToList();

    [Test]
    public void The_quickstart_summary_fits_100_columns()
    {
        var lines = RunSummaryTable.Lines(QuickstartResults(), Quickstart.Metrics);

        Assert.That(lines.Where(l => l.Length > 100), Is.Empty);
    }

    [Test]
    public void Every_cell_and_every_mean_of_a_metric_that_applies_is_shown()
    {
        var results = QuickstartResults();
        var text = string.Join("\n", RunSummaryTable.Lines(results, Quickstart.Metrics));
        var blocks = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).ToDictionary(b => b.Split('\n')[0]);
        var sentiment = blocks["tiny-gpt2 / keyword_sentiment"];
        var recall = blocks["tiny-gpt2 / key_value_recall"];
        var reagent = results.Single(c => c.Cell.Dataset.Name == "keyword_sentiment" && c.Cell.Attributor.Label == "reagent");

        Assert.Multiple(() =>
        {
            Assert.That(blocks, Has.Count.EqualTo(4), "one block per model x dataset");
            Assert.That(sentiment, Does.Contain("label_agreement").And.Not.Contain("context_pruning"), "only the metrics that apply");
            Assert.That(recall, Does.Not.Contain("label_agreement"));
            foreach (var mean in reagent.MetricMeans.Values)
                Assert.That(sentiment, Does.Contain(mean.ToString("G4", CultureInfo.InvariantCulture)));
            Assert.That(sentiment, Does.Contain((reagent.WallMilliseconds / 1000).ToString("F1", CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public void Metric_columns_that_do_not_fit_continue_below_with_the_row_labels_repeated()
    {
        var lines = RunSummaryTable.Lines(QuickstartResults(), Quickstart.Metrics);
        var headers = lines.Where(l => l.StartsWith("cell ", StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(headers.Count, Is.GreaterThan(4), "the 11 metrics need more than 100 columns in one row");
            Assert.That(headers.Count(h => h.Contains("aopc_comprehensiveness", StringComparison.Ordinal)), Is.EqualTo(4), "each metric once per block");
            Assert.That(lines.Count(l => l.StartsWith("integrated_gradients ", StringComparison.Ordinal)), Is.EqualTo(headers.Count));
        });
    }

    [TestCase(60)]
    [TestCase(80)]
    public void A_narrower_terminal_gets_a_narrower_summary(int width)
    {
        var lines = RunSummaryTable.Lines(QuickstartResults(), Quickstart.Metrics, width);

        Assert.That(lines.Where(l => l.Length > width), Is.Empty);
    }

    [Test]
    public void A_failed_cell_says_so_and_has_no_means()
    {
        var results = QuickstartResults();
        var failed = results.FindIndex(c => c.Cell.Attributor.Label == "lime");
        results[failed] = results[failed] with { Error = "AttributionException: out of memory", MetricMeans = new Dictionary<string, double>() };

        var lines = RunSummaryTable.Lines(results, Quickstart.Metrics).ToList();
        var dataset = lines.IndexOf($"tiny-gpt2 / {results[failed].Cell.Dataset.Name}");
        var lime = lines.Skip(dataset).TakeWhile(l => l.Length > 0).Where(l => l.StartsWith("lime ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(lime, Has.Count.GreaterThan(1), "a row in each block of its dataset");
            Assert.That(lime.Select(l => l[..3]), Has.All.EqualTo(new[] { "lime", "FAILED", (results[failed].WallMilliseconds / 1000).ToString("F1", CultureInfo.InvariantCulture) }));
            Assert.That(lime.SelectMany(l => l[3..]), Has.All.EqualTo("-").And.Not.Empty);
        });
    }
}
