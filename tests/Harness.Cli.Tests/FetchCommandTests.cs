namespace Harness.Cli.Tests;

/// <summary>`harness fetch model`, `harness fetch dataset` and `harness run --fetch` against a Hub on the
/// loopback address (HF_ENDPOINT), into caches in a temporary folder (HF_HUB_CACHE, HARNESS_DATA).</summary>
[TestFixture]
[NonParallelizable]
[Fast]
public sealed class FetchCommandTests
{
    private const string Commit = "feedface00feedface00feedface00feedface00";
    private static readonly string[] Variables = ["HF_ENDPOINT", "HF_HUB_CACHE", "HF_TOKEN", "HF_TOKEN_PATH", "HARNESS_DATA"];

    private FakeHub hub = null!;
    private ExperimentFiles files = null!;
    private string?[] previous = null!;

    [SetUp]
    public void StartTheHub()
    {
        hub = new FakeHub();
        files = new ExperimentFiles();
        previous = Variables.Select(Environment.GetEnvironmentVariable).ToArray();
        Environment.SetEnvironmentVariable("HF_ENDPOINT", hub.Endpoint.ToString());
        Environment.SetEnvironmentVariable("HF_HUB_CACHE", Path.Combine(files.Folder, "hub"));
        Environment.SetEnvironmentVariable("HF_TOKEN", null);
        Environment.SetEnvironmentVariable("HF_TOKEN_PATH", Path.Combine(files.Folder, "no-token"));
        Environment.SetEnvironmentVariable("HARNESS_DATA", Path.Combine(files.Folder, "datasets"));
        // The fixture model (GPT-2 weights, a word-level tokenizer) as a Hub repository.
        hub.Add(new FakeRepo("test-org/tiny-gpt2", dataset: false, Commit,
            new[] { "config.json", "model.safetensors", "tokenizer.json", "generation_config.json" }
                .ToDictionary(name => name, name => File.ReadAllBytes(Path.Combine(FixtureModelFolder.Path, name)))));
    }

    [TearDown]
    public void Restore()
    {
        for (var i = 0; i < Variables.Length; i++) Environment.SetEnvironmentVariable(Variables[i], previous[i]);
        files.Dispose();
        hub.Dispose();
    }

    [Test]
    public void Fetch_model_puts_the_model_where_every_command_finds_it_by_its_id()
    {
        var result = CommandResult.Of("fetch", "model", "test-org/tiny-gpt2");

        var snapshot = Path.Combine(files.Folder, "hub", "models--test-org--tiny-gpt2", "snapshots", Commit);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("  model.safetensors: ").And.Contain($"test-org/tiny-gpt2: 4 files of commit {Commit} in {snapshot}"));
        Assert.That(CommandResult.Of("tokenize", "test-org/tiny-gpt2", "the ring costs one").ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void Fetch_model_with_an_id_that_is_no_Hub_id_exits_2()
    {
        var result = CommandResult.Of("fetch", "model", "../models/x");

        Assert.That((result.ExitCode, result.Error.Trim()), Is.EqualTo((2, "error: '../models/x' is not a Hub model id (NAME or OWNER/NAME of letters, digits, '-', '_', '.')")));
    }

    [Test]
    public void Fetch_model_of_a_gated_model_without_a_token_exits_1_with_one_line()
    {
        hub.Add(new FakeRepo("meta/gated", dataset: false, Commit, new Dictionary<string, byte[]> { ["config.json"] = [1], ["model.safetensors"] = [2] }) { Gated = true });

        var result = CommandResult.Of("fetch", "model", "meta/gated");

        Assert.That((result.ExitCode, result.Error.Trim()), Is.EqualTo((1, $"error: meta/gated is gated: accept its licence at {hub.Endpoint}meta/gated and set HF_TOKEN to a token of that account")));
    }

    [Test]
    public void Fetch_dataset_names_the_nearest_known_dataset_for_a_typo()
    {
        var result = CommandResult.Of("fetch", "dataset", "sts2");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith("error: unknown dataset 'sts2' (did you mean 'sst2'?); known: longra,"));
    }

    [Test]
    public void Fetch_dataset_of_a_set_without_a_pinned_source_exits_1_saying_to_bring_it_with_path()
    {
        var result = CommandResult.Of("fetch", "dataset", "tellmewhy");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Error, Does.Contain("cannot be fetched").And.Contain("bring the file yourself with `path:`"));
    }

    [Test]
    public void Fetch_dataset_list_shows_every_dataset_its_source_and_whether_it_is_cached()
    {
        var result = CommandResult.Of("fetch", "dataset", "--list");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("casszhao/ReAGent@780977384e4cd9eb53c1093e04643aa0f89d7f81:data/benchmark/wikitext.txt")
            .And.Contain("cannot be fetched").And.Contain($"dataset cache: {Path.Combine(files.Folder, "datasets")}"));
    }

    [Test]
    public void Run_with_fetch_downloads_a_missing_model_then_runs()
    {
        var experiment = files.Write("""
            output: run
            models:
              - {name: tiny, path: test-org/tiny-gpt2}
            datasets:
              - {name: kv, reader: synthetic, task: key_value_recall, sample: 1, seed: 1}
            attributors: [random]
            metrics: [plausibility]
            """);
        Assert.That(CommandResult.Of("validate", experiment).Error, Does.Contain("`harness fetch model test-org/tiny-gpt2` downloads it").And.Contain("relative to its file"));

        var result = CommandResult.Of("run", experiment, "--fetch");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output + result.Error);
        Assert.That(result.Output, Does.StartWith("fetching test-org/tiny-gpt2").And.Contain("1 cells done, 0 failed"));
    }
}
