namespace Harness.Cli.Tests;

/// <summary>`harness validate` (experiments issue items 1 and 6): a good file passes; each of 30+
/// malformed files and bad paths gives exit code 2 and clear lines "error: FILE:LINE:COLUMN: message",
/// never a stack trace.</summary>
[TestFixture]
[Fast]
public sealed class ValidateCommandTests
{
    private const string Good = """
        models:
          - {name: tiny, path: MODEL}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 2}
        attributors:
          - random
          - {name: integrated_gradients, options: {steps: 8}}
        metrics:
          - soft_ns

        """;

    /// <summary>(what is wrong, the file, the line of the error, a fragment of its message).</summary>
    private static IEnumerable<TestCaseData> Malformed()
    {
        TestCaseData Case(string name, string yaml, int line, string message) => new TestCaseData(yaml, line, message).SetName($"Malformed: {name}");
        yield return Case("empty file", "", 1, "the file is empty");
        yield return Case("not a mapping", "- models\n- datasets\n", 1, "top level is a mapping");
        yield return Case("tab indentation", "models:\n\t- tiny\n", 2, "not valid YAML");
        yield return Case("unclosed bracket", "models: [{name: tiny, path: MODEL}\n", 2, "not valid YAML");
        yield return Case("unknown top key", Good + "atributors: []\n", 10, "unknown key 'atributors' (did you mean 'attributors'?)");
        yield return Case("missing models", Good.Replace("models:\n  - {name: tiny, path: MODEL}\n", ""), 1, "'models' is missing");
        yield return Case("models not a list", Good.Replace("models:\n  - {name: tiny, path: MODEL}", "models: tiny"), 1, "'models' must be a list");
        yield return Case("empty attributors", Good.Replace("attributors:\n  - random\n  - {name: integrated_gradients, options: {steps: 8}}", "attributors: []"), 5, "'attributors' is empty");
        yield return Case("model without path", Good.Replace("{name: tiny, path: MODEL}", "{name: tiny}"), 2, "'path' is missing");
        yield return Case("model path missing", Good.Replace("path: MODEL", "path: ./no/such/model"), 2, "does not exist");
        yield return Case("unknown model key", Good.Replace("path: MODEL}", "path: MODEL, dtpye: float32}"), 2, "unknown key 'dtpye' (did you mean 'dtype'?)");
        yield return Case("bad dtype", Good.Replace("path: MODEL}", "path: MODEL, dtype: float8}"), 2, "dtype 'float8' is not one of");
        yield return Case("bad device", Good.Replace("path: MODEL}", "path: MODEL, device: tpu}"), 2, "tpu");
        yield return Case("cuda without a GPU", Good.Replace("path: MODEL}", "path: MODEL, device: cuda}"), 2, "no CUDA device");
        yield return Case("unknown reader", Good.Replace("reader: synthetic, task: key_value_recall, sample: 2", "reader: lonngra, path: data.jsonl"), 4, "unknown reader 'lonngra' (did you mean 'longra'?)");
        yield return Case("data file missing", Good.Replace("reader: synthetic, task: key_value_recall, sample: 2", "reader: longra, path: nowhere.jsonl"), 4, "nowhere.jsonl does not exist");
        yield return Case("reader without source or path", Good.Replace("reader: synthetic, task: key_value_recall, sample: 2", "reader: longra"), 4, "needs 'source' (a dataset name, e.g. `source: longra`");
        yield return Case("source and path", Good.Replace("reader: synthetic, task: key_value_recall, sample: 2", "reader: longra, source: longra, path: data.jsonl"), 4, "give 'source' (a named dataset) or 'path' (a file of your own), not both");
        yield return Case("source as a path", Good.Replace("reader: synthetic, task: key_value_recall, sample: 2", "reader: longra, source: ../data.jsonl"), 4, "'source' names a dataset");
        yield return Case("unknown source", Good.Replace("reader: synthetic, task: key_value_recall, sample: 2", "reader: sst2, source: sts2"), 4, "the harness knows no source for it");
        yield return Case("source of another reader", Good.Replace("reader: synthetic, task: key_value_recall, sample: 2", "reader: imdb, source: sst2"), 4, "source 'sst2' is read by the reader 'sst2' (or a variant sst2_...), not 'imdb'");
        yield return Case("unknown task", Good.Replace("key_value_recall", "key_value_recal"), 4, "unknown synthetic task 'key_value_recal' (did you mean 'key_value_recall'?)");
        yield return Case("synthetic without task", Good.Replace("task: key_value_recall, ", ""), 4, "needs 'task'");
        yield return Case("synthetic without sample", Good.Replace(", sample: 2", ""), 4, "needs 'sample'");
        yield return Case("sample below one", Good.Replace("sample: 2", "sample: 0"), 4, "'sample' must be an integer of at least 1");
        yield return Case("bad target mode", Good.Replace("sample: 2}", "sample: 2, target: sentence}"), 4, "'target: sentence' is not one of token, span, sequence");
        yield return Case("bad unit", Good.Replace("sample: 2}", "sample: 2, unit: paragraph}"), 4, "'unit: paragraph' is not one of token, word, sentence, context_cite_sentence");
        yield return Case("sequence with words", Good.Replace("sample: 2}", "sample: 2, target: sequence, unit: word}"), 4, "sequence targets are attributed over the whole prefix");
        yield return Case("bad split", Good.Replace("sample: 2}", "sample: 2, split: dev}"), 4, "split 'dev' is not one of");
        yield return Case("unknown attributor", Good.Replace("  - random\n", "  - salency\n"), 6, "unknown attributor 'salency' (did you mean 'saliency'?)");
        yield return Case("unknown attributor option", Good.Replace("steps: 8", "stpes: 8"), 7, "no option 'stpes'");
        yield return Case("bad option value", Good.Replace("steps: 8", "steps: many"), 7, "steps=many: expected an integer");
        // Ranges an options record knows without a model are checked here, not hours into a run.
        string With(string attributor) => Good.Replace("  - random\n", $"  - {attributor}\n");
        yield return Case("reagent ratio out of range", With("{name: reagent, options: {replace_ratio: 1.7, replacer: uniform}}"), 6, "replace_ratio=1.7: expected in (0, 1]");
        yield return Case("reagent mlm_top_k zero", With("{name: reagent, options: {mlm_top_k: 0, replacer: uniform}}"), 6, "mlm_top_k=0: expected at least 1");
        yield return Case("lime with one sample", With("{name: lime, options: {samples: 1}}"), 6, "lime needs at least 2 samples");
        yield return Case("context_cite keep probability", With("{name: context_cite, options: {keep_probability: 1.5}}"), 6, "keep probability must lie in (0, 1)");
        yield return Case("context_cite negative alpha", With("{name: context_cite, options: {lasso_alpha: -1}}"), 6, "lasso_alpha must be >= 0");
        yield return Case("gradient_shap negative noise", With("{name: gradient_shap, options: {noise_std_dev: -1}}"), 6, "noise_std_dev must be >= 0");
        yield return Case("grad_ellm no layers", With("{name: grad_ellm, options: {last_layers: 0}}"), 6, "last_layers must be at least 1");
        yield return Case("kernel_shap no samples", With("{name: kernel_shap, options: {samples: 0}}"), 6, "kernel_shap needs at least 1 sample");
        yield return Case("shapley no permutations", With("{name: shapley_sampling, options: {permutations: 0}}"), 6, "at least 1 permutation");
        yield return Case("options not a mapping", Good.Replace("options: {steps: 8}", "options: [8]"), 7, "must be a mapping of option names");
        yield return Case("grid not a list", Good.Replace("options: {steps: 8}", "grid: {steps: 8}"), 7, "must be a non-empty list");
        yield return Case("option and grid axis", Good.Replace("options: {steps: 8}", "options: {steps: 8}, grid: {steps: [4]}"), 7, "both an option and a grid axis");
        yield return Case("duplicate attributor", Good.Replace("  - random\n", "  - random\n  - random\n"), 7, "'random' appears more than once");
        yield return Case("unknown metric", Good.Replace("soft_ns", "soft_nss"), 9, "unknown metric 'soft_nss' (did you mean 'soft_ns'?)");
        yield return Case("bad metric option", Good.Replace("  - soft_ns", "  - {name: soft_ns, options: {samples: none}}"), 9, "samples=none");
        yield return Case("randomising more blocks than the model has", Good.Replace("  - soft_ns", "  - {name: model_randomization, options: {layers: 3}}"), 9,
            "layers=3, but model 'tiny' has 2 decoder blocks");
        yield return Case("inseq attributor misspelt", Good.Replace("  - soft_ns", "  - {name: soft_ns, options: {inseq_attributors: [salency, random]}}"), 9,
            "inseq_attributors names 'salency', which is no attributor label of the experiment");
        yield return Case("bad seeds", "seeds: [0, -1]\n" + Good, 1, "'seeds' must hold non-negative integers");
        yield return Case("empty seeds", "seeds: []\n" + Good, 1, "'seeds' is empty: give at least one");
        yield return Case("batch size zero", "batch_size: 0\n" + Good, 1, "'batch_size' must be an integer of at least 1");
        yield return Case("filter names nothing", Good + "exclude:\n  - {attributor: ig}\n", 11, "names attributor 'ig', which the experiment does not have");
        yield return Case("empty filter", Good + "only:\n  - {}\n", 11, "matches every cell");
        yield return Case("filters leave nothing", Good + "only:\n  - {dataset: kv, attributor: random}\nexclude:\n  - {attributor: random}\n", 1, "leave no cell to run");
        yield return Case("at2 without estimator", Good.Replace("  - random\n", "  - at2\n"), 6, "at2 needs a trained estimator");
        yield return Case("undefined alias", Good.Replace("sample: 2}", "sample: 2, <<: *missing}"), 4, "not valid YAML");
        yield return Case("flow list never closed", "seeds: [0\nmodels: []\n", 3, "ends inside a [ ] or { } collection that is never closed");
        yield return Case("output is a file", Good + "output: experiment.yaml\n", 1, "is a file; the run writes a folder there");
    }

    [TestCase("{name: lds, options: {masks: 0}}", "masks=0")]
    [TestCase("{name: soft_ns, options: {samples: 0}}", "samples=0")]
    public void A_value_its_metric_refuses_is_one_line_not_two(string metric, string value)
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Good.Replace("  - soft_ns", "  - " + metric));

        var result = CommandResult.Of("validate", path);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error.Trim().Split('\n').Where(l => l.Contains(value, StringComparison.Ordinal)), Has.Exactly(1).Items, result.Error);
    }

    [Test]
    public void A_bad_key_in_an_anchor_merged_into_several_entries_is_reported_once()
    {
        using var files = new ExperimentFiles();
        var path = files.Write("""
            x-task: &task {reader: synthetic, sampel: 2, seed: 0}
            models:
              - {name: tiny, path: MODEL}
            datasets:
              - {name: kv, task: key_value_recall, <<: *task}
              - {name: kw, task: keyword_sentiment, <<: *task}
            attributors:
              - random
            metrics:
              - soft_ns
            """);

        var result = CommandResult.Of("validate", path);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error.Split('\n').Count(l => l.Contains("unknown key 'sampel'", StringComparison.Ordinal)), Is.EqualTo(1), result.Error);
    }

    [TestCaseSource(nameof(Malformed))]
    public void Each_problem_exits_2_with_file_line_and_message(string yaml, int line, string message)
    {
        using var files = new ExperimentFiles();
        var path = files.Write(yaml);

        var result = CommandResult.Of("validate", path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output + result.Error);
        var lines = result.Error.Trim().Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.That(lines, Has.Some.StartsWith($"error: {path}:{line}:").And.Some.Contains(message), string.Join("\n", lines));
        Assert.That(lines, Has.All.StartsWith("error: "), "no stack trace, only error lines");
    }

    [Test]
    public void A_missing_file_is_a_clear_error()
    {
        var result = CommandResult.Of("validate", "/no/such/experiment.yaml");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("/no/such/experiment.yaml").And.Contain("does not exist"));
    }

    [Test]
    public void A_folder_in_place_of_the_file_says_so()
    {
        using var files = new ExperimentFiles();

        var result = CommandResult.Of("validate", files.Folder);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("is a folder: name the experiment's YAML file in it"));
    }

    [Test]
    public void Every_problem_of_a_file_is_reported_at_once()
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Good.Replace("random", "randon").Replace("soft_ns", "sfot_ns").Replace("key_value_recall", "kv_recall"));

        var result = CommandResult.Of("validate", path);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(3), result.Error);
    }

    [Test]
    public void An_unknown_key_does_not_hide_the_problems_the_checks_after_reading_find()
    {
        using var files = new ExperimentFiles();
        var path = files.Write("bogus: 1\n" + Good.Replace("random", "randon"));

        var result = CommandResult.Of("validate", path);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("unknown key 'bogus'").And.Contain("unknown attributor 'randon'"));
    }

    [Test]
    public void Model_path_points_every_model_at_another_folder()
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Good.Replace("path: MODEL", "path: some/paper/model"));

        Assert.That(CommandResult.Of("validate", path).ExitCode, Is.EqualTo(2), "the paper's model is not here");
        var overridden = CommandResult.Of("validate", path, "--model-path", FixtureModelFolder.Path);
        Assert.That(overridden.ExitCode, Is.EqualTo(0), overridden.Error);
    }

    [Test]
    public void A_good_file_is_valid_and_its_grid_is_counted()
    {
        using var files = new ExperimentFiles();
        var result = CommandResult.Of("validate", files.Write(Good));
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("valid; 2 cells"));
    }
}
