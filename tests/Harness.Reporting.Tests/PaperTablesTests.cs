using Harness.Reporting.Results;
using Harness.Reporting.Tables;

namespace Harness.Reporting.Tests;

/// <summary>The paper tables from a small fixed store: layouts against golden files, best marks, intervals.</summary>
[Fast]
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
    public void A_significant_best_is_bold_in_Markdown_and_LaTeX_and_flagged_in_CSV_with_its_p()
    {
        var table = ReAgentSoftTable.Build(run, FixtureRun.Dataset, AggregationLevel.Token)!;
        var best = table.Rows.Single(r => r.Label == "reagent").Values[0]!.Format(2);
        var other = table.Rows.Single(r => r.Label == "saliency").Values[0]!.Format(2);

        Assert.Multiple(() =>
        {
            Assert.That(table.BestRows(0), Is.EquivalentTo(new[] { 2 }));
            Assert.That(MarkdownTable.Write(table), Does.Contain($"**{best}**").And.Not.Contain($"**{other}**"));
            Assert.That(LatexTable.Write(table), Does.Contain("\\textbf{" + best.Split(' ')[0]));
            Assert.That(CsvTable.Write(table), Does.Match("reagent,gpt2,Soft-NS,[^\r\n]*,12,true,0.001953125\r\n").And.Match("saliency,gpt2,Soft-NS,[^\r\n]*,12,false,\r\n"),
                "examples, bold, and on the best the Holm-adjusted p: 4 comparisons x the exact 2/2^12");
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
    public void Entries_print_as_estimate_and_interval_with_a_dagger_when_fewer_than_ten_examples_back_it()
    {
        var twelve = new TableValue(0.1234, 0.08, 0.151) { Examples = 12 };

        Assert.Multiple(() =>
        {
            Assert.That(twelve.Format(2), Is.EqualTo("0.12 [0.08, 0.15]"));
            Assert.That((twelve with { Examples = 9 }).Format(2), Is.EqualTo("0.12 [0.08, 0.15]\u2020"));
            Assert.That(new TableValue(0.1201, double.NaN, double.NaN) { Examples = 1 }.Format(2), Is.EqualTo("0.12"), "no interval, nothing to mark");
            Assert.That(LatexTable.Write(Table(twelve with { Examples = 3 })), Does.Contain("0.12 {\\scriptsize [0.08, 0.15]}$^\\dagger$"));
        });
    }

    [Test]
    public void The_best_is_bold_only_when_the_permutation_test_against_the_runner_up_passes()
    {
        // 12 examples, best ahead by 0.1 on each: the exact test's smallest p, 2/2^12. Noise of +-0.3 around the same 0.1: not significant.
        var values = Enumerable.Range(0, 12).Select(i => 0.5 + 0.01 * i).ToArray();
        var runnerUp = Entry(values);
        var clear = Entry(values.Select(v => v + 0.1).ToArray());
        var noisy = Entry(values.Select((v, i) => v + 0.1 + (i % 2 == 0 ? 0.3 : -0.3)).ToArray());

        Assert.Multiple(() =>
        {
            Assert.That(Table(clear, runnerUp).BestRows(0), Is.EquivalentTo(new[] { 0 }));
            Assert.That(Table(clear, runnerUp).Bests[0].Test!.PValue, Is.EqualTo(2.0 / 4096));
            Assert.That(Table(noisy, runnerUp).Bests[0].Row, Is.EqualTo(0), "the best estimate");
            Assert.That(Table(noisy, runnerUp).BestRows(0), Is.Empty, "but not significantly ahead");
            Assert.That(MarkdownTable.Write(Table(noisy, runnerUp)), Does.Not.Contain("**"));
        });
    }

    [Test]
    public void Equal_entries_are_not_bold()
    {
        var entry = Entry(0.4, 0.5, 0.6, 0.7, 0.5, 0.4, 0.6, 0.5, 0.4, 0.5, 0.6, 0.7);

        Assert.That(Table(entry, entry with { }).BestRows(0), Is.Empty);
    }

    [Test]
    public void Holm_correction_runs_over_every_comparison_of_the_table()
    {
        // 6 examples ahead by 0.1 each: exact p = 2/2^6 = 0.031. Alone it passes; one of three such columns, 3 x 0.031 does not.
        double[] values = [0.5, 0.6, 0.4, 0.7, 0.5, 0.3];
        var runnerUp = Entry(values);
        var best = Entry(values.Select(v => v + 0.1).ToArray());
        var columns = Enumerable.Range(0, 3).Select(i => new TableColumn("", $"m{i}", BestDirection.Higher)).ToList();
        var threeColumns = new ResultTable("t", "T", "c", "Attributor", columns,
            [new TableRow("a", [best, best, best]), new TableRow("b", [runnerUp, runnerUp, runnerUp])]);

        Assert.Multiple(() =>
        {
            Assert.That(Table(best, runnerUp).BestRows(0), Is.EquivalentTo(new[] { 0 }));
            Assert.That(threeColumns.Bests.Select(b => b.AdjustedP), Has.All.EqualTo(3 * 2.0 / 64).Within(1e-15));
            Assert.That(Enumerable.Range(0, 3).SelectMany(threeColumns.BestRows), Is.Empty);
        });
    }

    [Test]
    public void The_test_pairs_examples_not_generated_positions()
    {
        var table = ReAgentSoftTable.Build(run, FixtureRun.Dataset, AggregationLevel.Token)!;
        var reagent = table.Rows.Single(r => r.Label == "reagent").Values[0]!;

        Assert.Multiple(() =>
        {
            Assert.That(reagent.Units, Has.Count.EqualTo(FixtureRun.Examples * FixtureRun.Steps.Length), "the estimate uses every position");
            Assert.That(reagent.Examples, Is.EqualTo(FixtureRun.Examples));
            Assert.That(table.Bests[0].Test!.Pairs, Is.EqualTo(FixtureRun.Examples), "one pair per example");
        });
    }

    [Test]
    public void Every_caption_gives_n_and_says_what_bold_means()
    {
        foreach (var table in PaperTables.Build(run))
            Assert.That(table.Caption, Does.Contain($"n = {FixtureRun.Examples} examples per entry")
                .And.Contain($"p < 0.05 after Holm correction over the table's {table.Comparisons} comparisons")
                .And.Not.Contain("\u2020"), table.Id);
    }

    [Test]
    public void A_run_of_three_examples_marks_every_interval_unreliable_and_bolds_nothing()
    {
        using var other = new TemporaryFolder();
        var few = RunResults.Load(FixtureRun.Create(other.Combine("run"), examples: 3));

        var table = ReAgentSoftTable.Build(few, FixtureRun.Dataset, AggregationLevel.Token)!;

        Assert.Multiple(() =>
        {
            Assert.That(table.Rows.SelectMany(r => r.Values).Select(v => v!.Format(2)), Has.All.EndsWith("\u2020"));
            Assert.That(table.Caption, Does.Contain("n = 3 examples per entry").And.Contain("\u2020 Interval from fewer than 10 examples: unreliable."));
            Assert.That(Enumerable.Range(0, table.Columns.Count).SelectMany(table.BestRows), Is.Empty, "2/2^3 is the smallest p of 3 pairs");
            Assert.That(MarkdownTable.Write(table), Does.Not.Contain("**"));
        });
    }

    /// <summary>A one-column table, higher is better, a row per entry.</summary>
    private static ResultTable Table(params TableValue[] entries) => new("t", "T", "c", "Attributor",
        [new TableColumn("", "v", BestDirection.Higher)], entries.Select((e, i) => new TableRow($"r{i}", [e])).ToList());

    /// <summary>An entry over one unit per example (example i keyed "0/ei#0"), its estimate the mean.</summary>
    private static TableValue Entry(params double[] perExample) =>
        new(perExample.Average(), perExample.Min(), perExample.Max())
        {
            Examples = perExample.Length,
            Units = perExample.Select((v, i) => (v, i)).ToDictionary(x => $"0/e{x.i}#0", x => x.v),
        };

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
