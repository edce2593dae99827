using Harness.Experiments.Store;

namespace Harness.Cli.Tests;

/// <summary>
/// Every paper experiment in experiments/ validates and runs end to end on tiny models through the command
/// line's overrides (--model-path, --masked-lm-path, --at2-estimator-path, --device cpu, --sample,
/// --max-new-tokens, --skip-long, --set), and `harness report` renders its tables. The embedded tiny GPT-2
/// (128 learned positions) runs the ReAGent, Grad-ELLM and survey files; AT2's HotpotQA contexts (700+ words)
/// run on the Llama fixture (rotary positions) with an AT2 estimator trained for it here.
/// </summary>
[TestFixture]
[Soak]
public sealed class PaperExperimentsTests
{
    private static string Experiment(string name) => RepositoryFolder.Combine("experiments", name + ".yaml");

    private static string Embedded(string name) => RepositoryFolder.Combine("experiments", "models", name);

    private static readonly string[] Small = ["--device", "cpu", "--dtype", "float32", "--max-new-tokens", "3", "--skip-long"];

    public static IEnumerable<TestCaseData> Cases()
    {
        string[] tinyGpt2 = ["--model-path", Embedded("tiny-gpt2"), "--masked-lm-path", Embedded("tiny-roberta")];
        // Every model of a file points at the same tiny model here, so one of them is enough.
        yield return new TestCaseData("reagent_token_level", tinyGpt2.Concat(["--only-model", "gpt2-medium", "--set", "reagent.max_steps=6", "--set", "integrated_gradients.steps=4"]).ToArray());
        yield return new TestCaseData("reagent_sequence_level", tinyGpt2.Concat(["--only-model", "opt-350m", "--set", "reagent.max_steps=6", "--set", "integrated_gradients.steps=4"]).ToArray());
        yield return new TestCaseData("gradellm_pi", tinyGpt2.Concat(["--only-model", "llama-2-7b-chat", "--set", "integrated_gradients.steps=4"]).ToArray());
        yield return new TestCaseData("survey_table1", tinyGpt2.Concat(["--set", "shapley_sampling.permutations=1"]).ToArray());
    }

    [TestCaseSource(nameof(Cases))]
    public void Runs_end_to_end_on_the_tiny_model(string experiment, string[] overrides) => RunAndReport(experiment, [.. overrides, "--sample", "2"]);

    [Test]
    public void Gradellm_evaluates_every_dataset_on_the_rotary_fixture_where_imdb_reviews_fit() =>
        // The tiny GPT-2's 128 positions skip every IMDB review; the Llama fixture's rotary positions take them.
        RunAndReport("gradellm_pi", ["--only-model", "llama-2-7b-chat", "--model-path", FixtureModelFolder.LlamaPath, "--sample", "1",
            "--set", "integrated_gradients.steps=2"], checkStore: store =>
        {
            var datasets = store.Query("SELECT DISTINCT c.dataset AS d FROM metric_values m JOIN cells c ON c.cell_id = m.cell_id WHERE m.value IS NOT NULL")
                .Select(r => (string)r["d"]!).Order().ToList();
            Assert.That(datasets, Is.EqualTo(new[] { "boolq", "imdb", "sst2", "tellmewhy", "wikibio" }));
        });

    [Test]
    public void The_survey_report_has_its_table_in_seconds_and_its_figure_1() =>
        RunAndReport("survey_table1", ["--model-path", Embedded("tiny-gpt2"), "--set", "shapley_sampling.permutations=1", "--sample", "1"],
            report =>
            {
                Assert.That(File.ReadAllText(Path.Combine(report, "tables", "survey_cost_sst2.md")), Does.Contain("Time (s)"));
                Assert.That(File.Exists(Path.Combine(report, "figures", "survey_figure1_sst2.png")), Is.True, "Figure 1");
                Assert.That(File.ReadAllText(Path.Combine(report, "dataset_sst2.html")), Does.Contain("figures/survey_figure1_sst2.png"));
            });

    [Test]
    public void At2_runs_end_to_end_on_the_long_context_fixture_with_an_estimator_trained_for_it()
    {
        using var files = new ExperimentFiles();
        var examples = Path.Combine(files.Folder, "train.jsonl");
        File.WriteAllLines(examples,
        [
            """{"context_ids": [5, 17, 42, 88, 23, 61, 9, 74], "target_ids": [33]}""",
            """{"context_ids": [74, 33, 50, 12, 5, 17, 42], "target_ids": [88, 23]}""",
        ]);
        var estimator = Path.Combine(files.Folder, "at2");
        var trained = CommandResult.Of("train-at2", FixtureModelFolder.LlamaPath, "--examples", examples, "--out", estimator, "--iterations", "2", "--masks", "4");
        Assert.That(trained.ExitCode, Is.EqualTo(0), trained.Error);

        RunAndReport("at2_lds_topk",
        [
            "--only-model", "llama-3.1-8b", "--sample", "1",
            "--model-path", FixtureModelFolder.LlamaPath, "--at2-estimator-path", Path.Combine(estimator, "at2_estimator.safetensors"),
            "--set", "lds.masks=8", "--set", "context_cite.ablations=8", "--set", "context_pruning.ks=1,2",
        ]);
    }

    private static void RunAndReport(string experiment, string[] overrides, Action<string>? checkReport = null, Action<ResultStore>? checkStore = null)
    {
        var output = Path.Combine(Path.GetTempPath(), $"harness-paper-{experiment}-{Guid.NewGuid():N}");
        using var datasets = DatasetCacheScope.Fixtures(); // the files' `source:` names, resolved in the test fixtures
        try
        {
            var validate = CommandResult.Of(["validate", Experiment(experiment), .. overrides, .. Small]);
            Assert.That(validate.ExitCode, Is.EqualTo(0), validate.Error + validate.Output);

            var run = CommandResult.Of(["run", Experiment(experiment), "--output", output, .. overrides, .. Small]);
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);

            using (var store = ResultStore.OpenReadOnly(output))
            {
                var values = store.Query("SELECT COUNT(*) AS n FROM metric_values").Single()["n"];
                Assert.That(Convert.ToInt64(values, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0), "the run stored metric values");
                var failed = store.Query("SELECT COUNT(*) AS n FROM cells WHERE status = 'failed'").Single()["n"];
                Assert.That(Convert.ToInt64(failed, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(0), "no cell failed");
                checkStore?.Invoke(store);
            }

            var report = CommandResult.Of("report", output);
            Assert.That(report.ExitCode, Is.EqualTo(0), report.Error);
            Assert.That(Directory.GetFiles(Path.Combine(output, "report", "tables"), "*.md"), Is.Not.Empty, "paper tables rendered");
            checkReport?.Invoke(Path.Combine(output, "report"));
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}
