namespace Harness.Cli.Tests;

/// <summary>The committed experiments (embedded default issue item 5): the quickstart and the nightly job
/// validate as they are; each paper's experiment validates once pointed at the embedded tiny models, with its
/// datasets (`source:` names) found in the test fixtures.</summary>
[TestFixture]
[Fast]
public sealed class ExperimentFilesTests
{
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Harness.sln not found above the test binaries");
    }

    private static string Experiment(string name) => Path.Combine(RepositoryRoot(), "experiments", name);

    internal static string Model(string name) => Path.Combine(RepositoryRoot(), "experiments", "models", name);

    [TestCase("quickstart.yaml")]
    [TestCase("nightly.yaml")]
    [TestCase("own_data.yaml")]
    public void The_embedded_experiments_validate_as_committed(string file)
    {
        var result = CommandResult.Of("validate", Experiment(file));
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
    }

    [TestCase("reagent_token_level.yaml")]
    [TestCase("reagent_sequence_level.yaml")]
    [TestCase("gradellm_pi.yaml")]
    [TestCase("at2_lds_topk.yaml")]
    [TestCase("survey_table1.yaml")]
    public void Each_paper_experiment_validates_on_the_tiny_models(string file)
    {
        using var datasets = DatasetCacheScope.Fixtures(); // their `source:` names, resolved in the test fixtures
        var result = CommandResult.Of("validate", Experiment(file), "--model-path", Model("tiny-gpt2"),
            "--masked-lm-path", Model("tiny-roberta"), "--at2-estimator-path", Path.Combine(Model("tiny-gpt2-at2"), "at2_estimator.safetensors"),
            "--device", "cpu");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
    }

    [Test]
    public void Every_committed_experiment_is_covered()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot(), "experiments"), "*.yaml").Select(Path.GetFileName).Order();
        Assert.That(files, Is.EqualTo(new[]
        {
            "at2_lds_topk.yaml", "gradellm_pi.yaml", "nightly.yaml", "own_data.yaml", "quickstart.yaml", "reagent_sequence_level.yaml",
            "reagent_token_level.yaml", "survey_table1.yaml",
        }));
    }
}
