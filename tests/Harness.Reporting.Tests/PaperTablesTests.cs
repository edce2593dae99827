using Harness.Reporting.Results;
using Harness.Reporting.Tables;

namespace Harness.Reporting.Tests;

/// <summary>The paper tables from a small fixed store: layouts against golden files, best marks, intervals.</summary>
public sealed class PaperTablesTests
{
    private TemporaryFolder folder = null!;
    private RunResults run = null!;

    [OneTimeSetUp]
    public void CreateRun()
    {
        folder = new TemporaryFolder();
        run = RunResults.Load(FixtureRun.Create(folder.Combine("run")));
    }

    [OneTimeTearDown]
    public void DeleteRun() => folder.Dispose();

    [Test]
    public void A_run_with_every_metric_gets_every_paper_table_in_a_fixed_order()
    {
        var ids = PaperTables.Build(run).Select(t => t.Id);

        Assert.That(ids, Is.EqualTo(new[]
        {
            "reagent_token_wikibio", "reagent_sequence_wikibio", "gradellm_pi_auc_wikibio", "at2_context_wikibio", "survey_cost_wikibio",
        }));
    }

    [TestCase("reagent_token_wikibio")]
    [TestCase("reagent_sequence_wikibio")]
    [TestCase("gradellm_pi_auc_wikibio")]
    [TestCase("at2_context_wikibio")]
    [TestCase("survey_cost_wikibio")]
    public void Each_table_matches_its_golden_Markdown_LaTeX_and_CSV(string id)
    {
        var table = PaperTables.Build(run).Single(t => t.Id == id);

        Assert.Multiple(() =>
        {
            GoldenFile.AssertMatches($"{id}.md", MarkdownTable.Write(table));
            GoldenFile.AssertMatches($"{id}.tex", LatexTable.Write(table));
            GoldenFile.AssertMatches($"{id}.csv", CsvTable.Write(table));
        });
    }

    [Test]
    public void ReAgent_rows_are_attributors_without_random_and_columns_are_models_by_metric()
    {
        var table = ReAgentSoftTable.Build(run, FixtureRun.Dataset, AggregationLevel.Token)!;

        Assert.Multiple(() =>
        {
            Assert.That(table.Rows.Select(r => r.Label), Is.EqualTo(new[] { "saliency", "integrated_gradients", "reagent" }));
            Assert.That(table.Columns.Select(c => c.FullHeader), Is.EqualTo(new[] { "gpt2 Soft-NS", "gpt2 Soft-NC", "llama Soft-NS", "llama Soft-NC" }));
        });
    }

    [Test]
    public void The_log_ratio_to_random_is_the_log_of_the_ratio_of_means_and_lies_in_its_interval()
    {
        var table = ReAgentSoftTable.Build(run, FixtureRun.Dataset, AggregationLevel.Token)!;
        var units = Enumerable.Range(0, FixtureRun.Examples).SelectMany(e => FixtureRun.Steps.Select(s => (e, s))).ToList();
        var reagent = units.Average(u => FixtureRun.Quality("gpt2", "reagent", u.e, u.s));
        var random = units.Average(u => FixtureRun.Quality("gpt2", "random", u.e, u.s));

        var entry = table.Rows.Single(r => r.Label == "reagent").Values[0]!;

        Assert.Multiple(() =>
        {
            Assert.That(entry.Estimate, Is.EqualTo(Math.Log(reagent / random)).Within(1e-12));
            Assert.That(entry.Lower, Is.LessThan(entry.Estimate));
            Assert.That(entry.Upper, Is.GreaterThan(entry.Estimate));
        });
    }

    [Test]
    public void The_best_entry_of_each_column_is_bold_in_Markdown_and_LaTeX_and_flagged_in_CSV()
    {
        var table = ReAgentSoftTable.Build(run, FixtureRun.Dataset, AggregationLevel.Token)!;
        var best = table.Rows.Single(r => r.Label == "reagent").Values[0]!.Format(2);
        var other = table.Rows.Single(r => r.Label == "saliency").Values[0]!.Format(2);

        Assert.Multiple(() =>
        {
            Assert.That(table.BestRows(0), Is.EquivalentTo(new[] { 2 }));
            Assert.That(MarkdownTable.Write(table), Does.Contain($"**{best}**").And.Not.Contain($"**{other}**"));
            Assert.That(LatexTable.Write(table), Does.Contain("\\textbf{" + best.Split(' ')[0]));
            Assert.That(CsvTable.Write(table), Does.Match("reagent,gpt2,Soft-NS,[^\r\n]*,true\r\n").And.Match("saliency,gpt2,Soft-NS,[^\r\n]*,false\r\n"));
        });
    }

    [Test]
    public void Lower_is_better_columns_mark_the_smallest_value()
    {
        var table = CostSufficiencyTable.Build(run, FixtureRun.Dataset)!;
        var time = table.Columns.ToList().FindIndex(c => c.Header == "Time (s)");

        Assert.That(table.BestRows(time).Select(r => table.Rows[r].Label), Is.EqualTo(new[] { "saliency" }));
    }

    [Test]
    public void Entries_print_as_estimate_and_interval_and_ties_at_the_shown_digits_are_all_best()
    {
        var columns = new[] { new TableColumn("", "v", BestDirection.Higher) };
        var table = new ResultTable("t", "T", "c", "Attributor", columns,
            [new TableRow("a", [new TableValue(0.1234, 0.08, 0.151)]), new TableRow("b", [new TableValue(0.1201, double.NaN, double.NaN)]), new TableRow("c", [null])]);

        Assert.Multiple(() =>
        {
            Assert.That(table.Rows[0].Values[0]!.Format(2), Is.EqualTo("0.12 [0.08, 0.15]"));
            Assert.That(table.Rows[1].Values[0]!.Format(2), Is.EqualTo("0.12"));
            Assert.That(table.BestRows(0), Is.EquivalentTo(new[] { 0, 1 }));
        });
    }

    [Test]
    public void LaTeX_escapes_labels_and_groups_columns_under_each_model_with_cmidrule()
    {
        var latex = LatexTable.Write(ReAgentSoftTable.Build(run, FixtureRun.Dataset, AggregationLevel.Token)!);

        Assert.Multiple(() =>
        {
            Assert.That(latex, Does.Contain("integrated\\_gradients"));
            Assert.That(latex, Does.Contain("\\multicolumn{2}{c}{gpt2}").And.Contain("\\cmidrule(lr){2-3}").And.Contain("\\cmidrule(lr){4-5}"));
            Assert.That(latex, Does.Contain("\\toprule").And.Contain("\\midrule").And.Contain("\\bottomrule"));
        });
    }

    [Test]
    public void A_run_without_the_random_attributor_has_no_ReAGent_table()
    {
        using var other = new TemporaryFolder();
        var noRandom = RunResults.Load(FixtureRun.Create(other.Combine("run")));
        noRandom = noRandom with { Cells = noRandom.Cells.Where(c => c.Attributor != RunResults.RandomLabel).ToList() };

        Assert.That(ReAgentSoftTable.Build(noRandom, FixtureRun.Dataset, AggregationLevel.Token), Is.Null);
    }

    [Test]
    public void Flagged_values_are_left_out_and_a_cell_with_none_left_reads_n_a()
    {
        using var other = new TemporaryFolder();
        var flagged = RunResults.Load(FixtureRun.Create(other.Combine("run"),
            (model, attributor, metric, v) => (model, attributor, metric) == ("gpt2", "saliency", "soft_ns") ? double.NaN : v));

        var table = ReAgentSoftTable.Build(flagged, FixtureRun.Dataset, AggregationLevel.Token)!;
        var saliency = table.Rows.ToList().FindIndex(r => r.Label == "saliency");

        Assert.Multiple(() =>
        {
            Assert.That(table.Rows[saliency].Values[0]!.Format(2), Is.EqualTo("n/a"));
            Assert.That(MarkdownTable.Write(table), Does.Contain("| saliency | n/a |"));
            Assert.That(table.BestRows(0).Select(r => table.Rows[r].Label), Is.EqualTo(new[] { "reagent" }));
        });
    }
}
