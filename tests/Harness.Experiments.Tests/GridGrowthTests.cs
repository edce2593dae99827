using Harness.Experiments.Running;
using Harness.Experiments.Store;
using Harness.Experiments.Yaml;

namespace Harness.Experiments.Tests;

/// <summary>`harness run --resume` on a grown experiment (issue 24 item 7): new models, datasets, attributors, seeds
/// and metrics run, and only they; finished rows stay as they were; a metric finished cells lack is computed on their
/// stored attributions; the new experiment is the run's next version; a change to what finished cells were computed
/// with is refused, naming it, and leaves the store as it was.</summary>
[TestFixture]
[Soak]
public sealed class GridGrowthTests
{
    private const string Small = """
        output: run
        seeds: [0]
        batch_size: 8
        models:
          - {name: tiny, path: MODEL}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 5, seed: 1}
        attributors:
          - random
          - {name: occlusion, options: {replacement_token_id: 0}}
        metrics:
          - soft_ns
          - plausibility
        """;

    /// <summary><see cref="Small"/> with a model, a dataset, an attributor, a seed and two metrics more, which evaluate two
    /// examples a pack at batch_size 8 (<see cref="Harness.Evaluation.Core.IPackedMetric"/>): kv's 5 examples make packs of 2,
    /// 2 and a short last one of 1.</summary>
    private const string Grown = """
        output: run
        seeds: [0, 3]
        batch_size: 8
        models:
          - {name: tiny, path: MODEL}
          - {name: tiny_again, path: MODEL}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 5, seed: 1}
          - {name: kw, reader: synthetic, task: keyword_sentiment, sample: 1, seed: 1}
        attributors:
          - random
          - {name: occlusion, options: {replacement_token_id: 0}}
          - saliency
        metrics:
          - soft_ns
          - plausibility
          - {name: lds, options: {masks: 4}}
          - top_k_drop
        """;

    private static RunSummary Run(string path, bool resume) => new ExperimentRunner(new RecordingObserver()).Run(ExperimentYaml.Load(path), resume);

    [Test]
    public void A_grown_grid_runs_only_its_new_cells_and_gives_finished_cells_the_new_metric_from_their_stored_scores()
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Small);
        Run(path, resume: false);
        var output = ExperimentYaml.Load(path).Output;
        var before = StoreSnapshot.Of(output);

        files.Write(Grown);
        var resumed = Run(path, resume: true);

        var all = Harness.Experiments.Grid.GridExpander.Cells(ExperimentYaml.Load(path)).Select(c => c.Id).ToList();
        Assert.That(all, Has.Count.EqualTo(2 * 2 * 2 * 3));
        Assert.That(resumed.Ran.Select(c => c.Cell.Id), Is.EquivalentTo(all.Except(["tiny/kv/random/seed=0", "tiny/kv/occlusion/seed=0"])), "only the new cells ran");
        Assert.That(resumed.Failed, Is.Zero, string.Join("\n", resumed.Ran.Select(c => c.Error)));
        Assert.That(resumed.MetricsAdded.Select(m => (m.Cell.Id, string.Join(",", m.Labels), m.Error)), Is.EqualTo(new[]
        {
            ("tiny/kv/random/seed=0", "lds,top_k_drop", (string?)null),
            ("tiny/kv/occlusion/seed=0", "lds,top_k_drop", null),
        }));
        var after = StoreSnapshot.Of(output);
        Assert.That(after, Is.SupersetOf(before), "every row of the finished cells is as it was");

        // The grown run's store is, bit for bit, the store of the grown experiment run from scratch: the new cells and
        // the metric added to the finished ones are what they would have been had the grid been this from the start.
        var fresh = ExperimentYaml.Load(files.Write(Grown.Replace("output: run", "output: fresh"), "fresh.yaml"));
        new ExperimentRunner(new RecordingObserver()).Run(fresh, resume: false);
        Assert.That(after, Is.EqualTo(StoreSnapshot.Of(fresh.Output)));

        using var store = ResultStore.Open(output);
        var versions = store.Query("SELECT version, experiment_text FROM experiment_versions ORDER BY version").ToList();
        Assert.That(versions.Select(v => (long)v["version"]!), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That((string)versions[1]["experiment_text"]!, Is.EqualTo(File.ReadAllText(path)), "the grown file is the run's second version");
        Assert.That((string)store.Query("SELECT experiment_text FROM runs").Single()["experiment_text"]!, Is.EqualTo(File.ReadAllText(path)), "and the experiment readers show");
        Assert.That(store.Query("SELECT model FROM models ORDER BY model").Select(r => r["model"]), Is.EqualTo(new[] { "tiny", "tiny_again" }), "the new model's provenance");
    }

    [Test]
    public void Model_randomization_added_to_finished_cells_attributes_them_again_as_a_run_with_it_from_the_start()
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Small);
        Run(path, resume: false);
        var withCheck = Small.Replace("  - plausibility", "  - plausibility\n  - {name: model_randomization, options: {layers: 1}}");

        files.Write(withCheck);
        var resumed = Run(path, resume: true);
        var fresh = ExperimentYaml.Load(files.Write(withCheck.Replace("output: run", "output: fresh"), "fresh.yaml"));
        new ExperimentRunner(new RecordingObserver()).Run(fresh, resume: false);

        Assert.That(resumed.MetricsAdded.Select(m => (m.Cell.Id, string.Join(",", m.Labels), m.Error)), Is.EqualTo(new[]
        {
            ("tiny/kv/random/seed=0", "model_randomization", (string?)null),
            ("tiny/kv/occlusion/seed=0", "model_randomization", null),
        }));
        Assert.That(StoreSnapshot.Of(ExperimentYaml.Load(path).Output), Is.EqualTo(StoreSnapshot.Of(fresh.Output)));
    }

    [Test]
    public void A_metric_widened_to_more_datasets_is_computed_for_their_finished_cells_even_those_that_held_no_metric()
    {
        const string Two = """
            output: run
            models:
              - {name: tiny, path: MODEL}
            datasets:
              - {name: kv, reader: synthetic, task: key_value_recall, sample: 2, seed: 1}
              - {name: kw, reader: synthetic, task: keyword_sentiment, sample: 2, seed: 1}
            attributors: [random]
            metrics:
              - {name: plausibility, datasets: [kw]}
            """;
        using var files = new ExperimentFiles();
        var path = files.Write(Two);
        Run(path, resume: false);
        var output = ExperimentYaml.Load(path).Output;
        Assert.That(StoreSnapshot.Count(output, "metric_values"), Is.EqualTo(2), "kv's cell finished with attributions and no metric");

        files.Write(Two.Replace("datasets: [kw]", "datasets: [kw, kv]"));
        var resumed = Run(path, resume: true);

        Assert.That(resumed.Ran, Is.Empty);
        Assert.That(resumed.MetricsAdded.Select(m => (m.Cell.Id, string.Join(",", m.Labels))), Is.EqualTo(new[] { ("tiny/kv/random/seed=0", "plausibility") }));
        var fresh = ExperimentYaml.Load(files.Write(Two.Replace("output: run", "output: fresh").Replace("datasets: [kw]", "datasets: [kw, kv]"), "fresh.yaml"));
        new ExperimentRunner(new RecordingObserver()).Run(fresh, resume: false);
        Assert.That(StoreSnapshot.Of(output), Is.EqualTo(StoreSnapshot.Of(fresh.Output)));
    }

    [Test]
    public void Resuming_a_grown_grid_again_runs_nothing_and_records_no_version()
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Small);
        Run(path, resume: false);
        files.Write(Small.Replace("  - plausibility", "  - plausibility\n  - {name: top_k_drop, label: drop, options: {ks: 1}}"));
        Run(path, resume: true);
        var output = ExperimentYaml.Load(path).Output;
        var before = StoreSnapshot.Of(output);

        var again = Run(path, resume: true);

        Assert.That(again.Ran, Is.Empty);
        Assert.That(again.MetricsAdded, Is.Empty);
        Assert.That(StoreSnapshot.Of(output), Is.EqualTo(before));
        Assert.That(StoreSnapshot.Count(output, "experiment_versions"), Is.EqualTo(2));
    }

    [Test]
    public void An_edit_that_changes_no_definition_resumes_as_the_next_version()
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Small);
        Run(path, resume: false);

        File.AppendAllText(path, "\n# the first two cells are the pilot\n");
        var resumed = Run(path, resume: true);

        Assert.That(resumed.Ran, Is.Empty);
        Assert.That(resumed.Skipped, Is.EqualTo(2));
        Assert.That(StoreSnapshot.Count(ExperimentYaml.Load(path).Output, "experiment_versions"), Is.EqualTo(2));
    }

    [Test]
    public void A_failed_cell_reruns_under_its_attributor_s_new_options_and_one_removed_leaves_no_failed_row()
    {
        using var files = new ExperimentFiles();
        // kernel_shap's pad ablation needs a replacement id it is not given: its cell fails.
        const string Failing = "  - {name: kernel_shap, options: {ablation: pad, samples: 4}}\n";
        var path = files.Write(Small.Replace("  - random\n", "  - random\n" + Failing));
        Assert.That(Run(path, resume: false).Failed, Is.EqualTo(1));

        files.Write(Small.Replace("  - random\n", "  - random\n" + Failing.Replace("samples: 4", "samples: 4, replacement_token_id: 0")));
        var fixedRun = Run(path, resume: true);

        Assert.That(fixedRun.Ran.Select(c => (c.Cell.Id, c.Error)), Is.EqualTo(new[] { ("tiny/kv/kernel_shap/seed=0", (string?)null) }), "no finished cell used the old options");

        var other = files.Write(Small.Replace("output: run", "output: other").Replace("  - random\n", "  - random\n" + Failing), "other.yaml");
        Run(other, resume: false);
        files.Write(Small.Replace("output: run", "output: other"), "other.yaml");
        var dropped = Run(other, resume: true);

        Assert.That(dropped.Ran, Is.Empty);
        using var store = ResultStore.Open(ExperimentYaml.Load(other).Output);
        Assert.That(store.Query("SELECT cell_id FROM cells ORDER BY cell_id").Select(r => r["cell_id"]), Is.EqualTo(new[] { "tiny/kv/occlusion/seed=0", "tiny/kv/random/seed=0" }),
            "the failed cell of the removed attributor held only its error, and is gone");
    }

    [Test]
    public void A_run_from_before_versions_resumes_with_its_own_file_only()
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Small);
        Run(path, resume: false);
        var output = ExperimentYaml.Load(path).Output;
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(output, ResultStore.FileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM experiment_versions";
            command.ExecuteNonQuery();
        }

        files.Write(Small.Replace("  - random\n", "  - random\n  - saliency\n"));
        Assert.That(() => Run(path, resume: true), Throws.TypeOf<ExperimentException>().With.Message
            .Contains("written before a resumed run could grow its grid: resume it once with the file it started with"));

        files.Write(Small);
        Run(path, resume: true);
        files.Write(Small.Replace("  - random\n", "  - random\n  - saliency\n"));
        var grown = Run(path, resume: true);

        Assert.That(grown.Ran.Select(c => c.Cell.Id), Is.EqualTo(new[] { "tiny/kv/saliency/seed=0" }), "once resumed, its grid is recorded and may grow");
    }

    private static IEnumerable<TestCaseData> Refusals()
    {
        TestCaseData Case(string name, string edited, string expected) => new TestCaseData(edited, expected).SetName($"Refused_when_{name}");
        yield return Case("an_attributor_s_options_change", Small.Replace("replacement_token_id: 0", "replacement_token_id: 1"),
            ":10:5: attributor 'occlusion' changed (options.replacement_token_id 0 -> 1), but its finished cells were computed with it");
        yield return Case("a_dataset_s_options_change", Small.Replace("sample: 5", "sample: 3"),
            ":7:5: dataset 'kv' changed (sample 5 -> 3), but finished cells or frozen targets were computed from it");
        yield return Case("a_model_s_dtype_changes", Small.Replace("{name: tiny, path: MODEL}", "{name: tiny, path: MODEL, dtype: float64}"),
            ":5:5: model 'tiny' changed (dtype float32 -> float64), but finished cells or frozen targets were computed with it");
        yield return Case("a_metric_s_options_change", Small.Replace("  - soft_ns", "  - {name: soft_ns, options: {distance: hellinger}}"),
            ":12:5: metric 'soft_ns' changed (options.distance unset -> hellinger), but finished cells hold its values");
        yield return Case("a_metric_is_removed", Small.Replace("  - soft_ns\n", ""), ":1:1: metric 'soft_ns' was removed, but finished cells hold its values");
        yield return Case("a_metric_no_longer_applies", Small
                .Replace("  - plausibility", "  - {name: plausibility, datasets: [kw]}")
                .Replace("datasets:\n", "datasets:\n  - {name: kw, reader: synthetic, task: keyword_sentiment, sample: 1, seed: 1}\n"),
            ":14:5: metric 'plausibility' no longer applies to dataset 'kv', but its finished cells hold the metric's values");
        yield return Case("an_attributor_is_removed", Small.Replace("  - random\n", ""), ":1:1: attributor 'random' was removed, but its finished cells were computed with it");
        yield return Case("a_seed_is_removed", Small.Replace("seeds: [0]", "seeds: [1]"), ":1:1: seed 0 was removed, but finished cells ran with it");
        yield return Case("the_batch_size_changes", Small.Replace("batch_size: 8", "batch_size: 4"), ":1:1: batch_size changed (8 -> 4), but finished cells were computed with 8");
        yield return Case("a_filter_drops_a_finished_cell", Small + "\nexclude:\n  - {attributor: random}",
            ":1:1: the 'only'/'exclude' filters now drop finished cell tiny/kv/random/seed=0");
    }

    [TestCaseSource(nameof(Refusals))]
    public void A_change_to_what_finished_cells_were_computed_with_is_refused_naming_it(string edited, string expected)
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Small);
        Run(path, resume: false);
        var output = ExperimentYaml.Load(path).Output;
        var before = StoreSnapshot.Of(output);

        files.Write(edited);
        var error = Assert.Throws<ExperimentException>(() => Run(path, resume: true))!;

        Assert.That(error.Errors.Select(e => e.ToString()), Has.Some.StartWith(path + expected), error.Message);
        Assert.That(error.Message, Does.Contain("a resumed run may only add to the grid"));
        Assert.That(StoreSnapshot.Of(output), Is.EqualTo(before), "a refused resume changes nothing");
        Assert.That(StoreSnapshot.Count(output, "experiment_versions"), Is.EqualTo(1));
    }
}
