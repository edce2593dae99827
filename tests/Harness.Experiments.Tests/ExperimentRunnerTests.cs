using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Experiments.Running;
using Harness.Experiments.Store;
using Harness.Experiments.Yaml;
using Harness.Models;

namespace Harness.Experiments.Tests;

/// <summary>`harness run`'s engine (experiments issue items 2 and 3): every cell into the store, the
/// scores those of the attributor called directly, failing cells recorded while the run goes on, a
/// stopped run resumed to the same store as an uninterrupted one, attributor-independent passes shared.</summary>
[TestFixture]
[Fast]
public sealed class ExperimentRunnerTests
{
    private const string Grid = """
        output: run
        seeds: [0, 3]
        batch_size: 8
        models:
          - {name: tiny, path: MODEL}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 2, seed: 1}
        attributors:
          - random
          - saliency
          - {name: integrated_gradients, options: {steps: 4}}
        metrics:
          - {name: lds, options: {masks: 8}}
          - soft_ns
          - plausibility
        """;

    [Test]
    public void Every_cell_lands_in_the_store_with_the_attributor_s_own_scores()
    {
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(files.Write(Grid));

        var summary = new ExperimentRunner(new RecordingObserver()).Run(spec, resume: false);

        Assert.That(summary.Ran, Has.Count.EqualTo(6));
        Assert.That(summary.Failed, Is.Zero, string.Join("\n", summary.Ran.Select(o => o.Error)));
        Assert.That(StoreSnapshot.Count(spec.Output, "cells"), Is.EqualTo(6));
        Assert.That(StoreSnapshot.Count(spec.Output, "attributions"), Is.EqualTo(6 * 2));
        Assert.That(StoreSnapshot.Count(spec.Output, "metric_values"), Is.EqualTo(6 * 2 * 3));

        // The stored scores of saliency on the first item are those of saliency called on that item.
        var outcome = summary.Ran.Single(o => o.Cell.Id == "tiny/kv/saliency/seed=3");
        using var store = ResultStore.Open(spec.Output);
        var items = System.Text.Json.JsonSerializer.Deserialize<List<EvaluationItem>>((string)store.Query("SELECT items_json FROM targets").Single()["items_json"]!)!;
        using var model = ModelLoader.Load(FixtureModelFolder.Path);
        var direct = AttributorRegistry.Create("saliency").Attribute(new AttributionRequest(model, items[0].ContextIds, items[0].Target)
        {
            Region = items[0].Region, Seed = ItemSeed.Of(3, 0), BatchSize = 8,
        });
        Assert.That(outcome.Attributions, Is.EqualTo(2));
        var stored = ResultStore.Scores((byte[])store.Query("SELECT scores FROM attributions WHERE cell_id = 'tiny/kv/saliency/seed=3' ORDER BY example_id").First()["scores"]!);
        Assert.That(stored, Is.EqualTo(direct.Scores));
    }

    [Test]
    public void Provenance_names_the_experiment_the_libtorch_and_each_model_file_s_hash()
    {
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(files.Write(Grid));
        new ExperimentRunner(new RecordingObserver()).Run(spec, resume: false);

        using var store = ResultStore.Open(spec.Output);
        var run = store.Query("SELECT * FROM runs").Single();
        var model = store.Query("SELECT * FROM models").Single();

        Assert.That(run["experiment_sha256"], Is.EqualTo(ProvenanceCollector.Sha256(File.ReadAllText(spec.File))));
        Assert.That((string)run["experiment_text"]!, Does.Contain("integrated_gradients"));
        Assert.That((string)run["libtorch_version"]!, Does.Match(@"^\d+\.\d+"));
        Assert.That((string)run["harness_commit"]!, Is.Not.Empty);
        Assert.That((string)model["files_sha256_json"]!, Does.Contain("model.safetensors").And.Contain("tokenizer.json"));
    }

    [Test]
    public void A_failing_cell_is_recorded_with_its_error_and_the_run_goes_on()
    {
        using var files = new ExperimentFiles();
        // kernel_shap's pad ablation needs a replacement id it is not given: it fails when it runs.
        var spec = ExperimentYaml.Load(files.Write(Grid.Replace("  - random\n", "  - random\n  - {name: kernel_shap, options: {ablation: pad, samples: 4}}\n")));

        var summary = new ExperimentRunner(new RecordingObserver()).Run(spec, resume: false);

        Assert.That(summary.Ran, Has.Count.EqualTo(8));
        Assert.That(summary.Failed, Is.EqualTo(2));
        using var store = ResultStore.Open(spec.Output);
        var failed = store.Query("SELECT cell_id, error FROM cells WHERE status = 'failed' ORDER BY cell_id").ToList();
        Assert.That(failed.Select(r => r["cell_id"]), Is.EqualTo(new[] { "tiny/kv/kernel_shap/seed=0", "tiny/kv/kernel_shap/seed=3" }));
        Assert.That((string)failed[0]["error"]!, Does.Contain("replacement token id"));
        Assert.That(StoreSnapshot.Count(spec.Output, "attributions"), Is.EqualTo(6 * 2), "the other cells ran in full");
    }

    [Test]
    public void A_cell_that_throws_with_a_scope_left_open_records_its_own_error_and_the_next_cell_runs()
    {
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(files.Write("""
            output: run
            seeds: [0, 3]
            models:
              - {name: tiny, path: MODEL}
            datasets:
              - {name: kv, reader: synthetic, task: key_value_recall, sample: 2, seed: 1}
            attributors:
              - random
            metrics:
              - plausibility
            """));
        var tensorsBefore = LiveTensors();

        // Seed 0 runs first: its cell fails; seed 3's is the registry's random attributor.
        var summary = new ExperimentRunner(new RecordingObserver(),
            (cell, made) => cell.Seed == 0 ? new ScopeLeakingAttributor() : made).Run(spec, resume: false);

        Assert.That(summary.Ran.Select(o => (o.Cell.Seed, o.Error)), Is.EqualTo(new (ulong, string?)[]
        {
            (0, $"AttributionException: {ScopeLeakingAttributor.Message}"),
            (3, null),
        }), "the first cell's own error, not one from disposing its scopes; the next cell succeeds");
        Assert.That(summary.Ran[1].Attributions, Is.EqualTo(2));
        using (var store = ResultStore.Open(spec.Output))
            Assert.That(store.Query("SELECT error FROM cells WHERE status = 'failed'").Select(r => r["error"]),
                Is.EqualTo(new[] { $"AttributionException: {ScopeLeakingAttributor.Message}" }));
        Assert.That(LiveTensors(), Is.EqualTo(tensorsBefore), "the tensors of the leaked scope were freed");
    }

    [Test]
    public void A_stopped_run_resumes_to_the_store_of_an_uninterrupted_one()
    {
        using var files = new ExperimentFiles();
        var whole = ExperimentYaml.Load(files.Write(Grid, "whole.yaml"));
        new ExperimentRunner(new RecordingObserver()).Run(whole, resume: false);

        var stopped = ExperimentYaml.Load(files.Write(Grid.Replace("output: run", "output: stopped"), "stopped.yaml"));
        using (var stop = new CancellationTokenSource())
        {
            var first = new ExperimentRunner(new RecordingObserver(stop, stopAfter: 2)).Run(stopped, resume: false, stop.Token);
            Assert.That(first.Stopped);
            Assert.That(first.Ran, Has.Count.EqualTo(2), "stops after the cell in flight");
            Assert.That(StoreSnapshot.Count(stopped.Output, "cells"), Is.EqualTo(2));
        }

        var resumed = new ExperimentRunner(new RecordingObserver()).Run(stopped, resume: true);

        Assert.That(resumed.Skipped, Is.EqualTo(2));
        Assert.That(resumed.Ran, Has.Count.EqualTo(4));
        var (a, b) = (StoreSnapshot.Of(stopped.Output), StoreSnapshot.Of(whole.Output));
        Assert.That(a, Is.EqualTo(b), StoreSnapshot.FirstDifferences(a, b));
    }

    [Test]
    public void An_existing_run_needs_resume_and_resume_refuses_a_changed_definition()
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Grid);
        var spec = ExperimentYaml.Load(path);
        var runner = new ExperimentRunner(new RecordingObserver());
        runner.Run(spec, resume: false);

        Assert.That(() => runner.Run(spec, resume: false), Throws.TypeOf<ExperimentException>().With.Message.Contains("--resume"));
        File.WriteAllText(path, File.ReadAllText(path).Replace("steps: 4", "steps: 8"));
        Assert.That(() => runner.Run(ExperimentYaml.Load(path), resume: true),
            Throws.TypeOf<ExperimentException>().With.Message.Contains("attributor 'integrated_gradients' changed (options.steps 4 -> 8)"));
    }

    [Test]
    public void A_run_computed_under_other_definitions_is_not_resumed_into_a_mixed_store()
    {
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(files.Write(Grid));
        using (var stop = new CancellationTokenSource())
            new ExperimentRunner(new RecordingObserver(stop, stopAfter: 1)).Run(spec, resume: false, stop.Token);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(spec.Output, ResultStore.FileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE metric_values SET {DefinitionsVersion.Column} = {DefinitionsVersion.Current - 1}";
            command.ExecuteNonQuery();
        }

        Assert.That(() => new ExperimentRunner(new RecordingObserver()).Run(spec, resume: true),
            Throws.TypeOf<ExperimentException>().With.Message.Contains($"definitions version {DefinitionsVersion.Current - 1}").And.Message.Contains("another 'output'").And.Message.Contains("to start over"));
    }

    [Test]
    public void Attributor_independent_passes_run_once_per_example()
    {
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(files.Write(Grid));
        new ExperimentRunner(new RecordingObserver()).Run(spec, resume: false);

        using var store = ResultStore.Open(spec.Output);
        long Passes(string cell) => store.Query($"SELECT SUM(forward_passes) AS n FROM metric_values WHERE metric = 'lds' AND cell_id = '{cell}'").Single()["n"] as long? ?? 0;
        Assert.That(Passes("tiny/kv/random/seed=0"), Is.GreaterThanOrEqualTo(2 * 8), "the first attributor of an example runs the LDS masks");
        Assert.That(Passes("tiny/kv/saliency/seed=0"), Is.Zero, "later attributors reuse them (same masks: same seed)");
        Assert.That(Passes("tiny/kv/random/seed=3"), Is.GreaterThanOrEqualTo(2 * 8), "another seed draws other masks");
    }

    [Test]
    public void Soft_metrics_name_the_attributors_run_through_Inseq_by_their_label_so_one_method_can_be_two_rows()
    {
        // ReAGent's sequence level: its `attention` row is Inseq's attention (the scores of attention_last, as Inseq
        // leaves them), its `attention_last` row its own attention.py (softmaxed).
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(files.Write("""
            output: run
            seeds: [0]
            models:
              - {name: tiny, path: MODEL}
            datasets:
              - {name: kv, reader: synthetic, task: key_value_recall, sample: 1, seed: 1}
            attributors:
              - {name: attention_last, label: attention}
              - attention_last
            metrics:
              - {name: soft_ns, options: {protocol: reagent, inseq_attributors: [attention]}}
            """));
        new ExperimentRunner(new RecordingObserver()).Run(spec, resume: false);

        using var store = ResultStore.Open(spec.Output);
        string Transform(string cell) => System.Text.Json.JsonDocument.Parse((string)store.Query(
            $"SELECT options_json FROM metric_values WHERE cell_id = '{cell}'").First()["options_json"]!).RootElement.GetProperty("transform").GetString()!;
        Assert.That(Transform("tiny/kv/attention/seed=0"), Is.EqualTo("sum"));
        Assert.That(Transform("tiny/kv/attention_last/seed=0"), Is.EqualTo("softmax"));
    }

    [Test]
    public void Model_randomization_attributes_again_on_a_re_initialised_copy_and_a_model_blind_method_scores_one()
    {
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(files.Write("""
            output: run
            seeds: [0]
            models:
              - {name: tiny, path: MODEL}
            datasets:
              - {name: kv, reader: synthetic, task: key_value_recall, sample: 2, seed: 1}
            attributors:
              - random
              - saliency
            metrics:
              - model_randomization
              - {name: model_randomization, label: top_block, options: {layers: 1, weights_seed: 3}}
            """));
        var summary = new ExperimentRunner(new RecordingObserver()).Run(spec, resume: false);

        Assert.That(summary.Failed, Is.Zero, string.Join("\n", summary.Ran.Select(o => o.Error)));
        using var store = ResultStore.Open(spec.Output);
        var rows = store.Query("SELECT cell_id, metric, value, forward_passes FROM metric_values ORDER BY cell_id, metric, example_id").ToList();
        double[] Values(string cell, string metric) => rows.Where(r => (string)r["cell_id"]! == cell && (string)r["metric"]! == metric).Select(r => (double)r["value"]!).ToArray();

        // The same items attributed by saliency on a copy whose blocks are all drawn anew, as the runner's delegate would.
        var items = System.Text.Json.JsonSerializer.Deserialize<List<EvaluationItem>>((string)store.Query("SELECT items_json FROM targets").Single()["items_json"]!)!;
        using var copy = ModelLoader.Load(FixtureModelFolder.Path, reinitialise: new Harness.Models.Loading.TopLayerReinitialisation(null, 0));
        using var trained = ModelLoader.Load(FixtureModelFolder.Path);
        double Expected(EvaluationItem item, int index)
        {
            AttributionRequest Request(ILanguageModel model) => new(model, item.ContextIds, item.Target) { Region = item.Region, Seed = ItemSeed.Of(0, index) };
            var saliency = AttributorRegistry.Create("saliency");
            return Harness.Evaluation.ContextAttribution.RankCorrelation.Spearman(
                saliency.Attribute(Request(trained)).Scores.Select(s => (double)s).ToList(), saliency.Attribute(Request(copy)).Scores.Select(s => (double)s).ToList());
        }

        Assert.Multiple(() =>
        {
            Assert.That(Values("tiny/kv/random/seed=0", "model_randomization"), Is.EqualTo(new[] { 1.0, 1.0 }), "random ignores the model");
            Assert.That(Values("tiny/kv/random/seed=0", "top_block"), Is.EqualTo(new[] { 1.0, 1.0 }));
            Assert.That(Values("tiny/kv/saliency/seed=0", "model_randomization"), Is.EqualTo(items.Select(Expected).ToArray()).Within(1e-9));
            Assert.That(Values("tiny/kv/saliency/seed=0", "model_randomization"), Has.All.LessThan(1.0));
            Assert.That(rows.Where(r => (string)r["cell_id"]! == "tiny/kv/saliency/seed=0").Select(r => (long)r["forward_passes"]!), Has.All.EqualTo(1L),
                "the cost is saliency's one forward on the copy");
        });
    }

    private static long LiveTensors()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return Harness.Torch.Tensor.LiveCount;
    }
}
