namespace Harness.Cli.Tests;

/// <summary>What README.md tells a new user holds: its example experiment validates, and its list of `harness` commands is
/// the command line's.</summary>
[TestFixture]
[Fast]
public sealed class ReadmeTests
{
    private static string Readme() => File.ReadAllText(Path.Combine(ExperimentFilesTests.RepositoryRoot(), "README.md"));

    [Test]
    public void The_example_experiment_validates()
    {
        var readme = Readme();
        var start = readme.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var yaml = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        using var folder = new Harness.Reporting.Tests.TemporaryFolder();
        var file = folder.Combine("demo.yaml");
        File.WriteAllText(file, yaml);
        // "a file you bring": two SST-2 rows where the example looks for them.
        Directory.CreateDirectory(folder.Combine("data"));
        File.WriteAllLines(folder.Combine("data", "my-reviews.jsonl"), File.ReadLines(SharedFolder.Combine("datasets", "sst2", "data.jsonl")).Take(2));
        using var datasets = DatasetCacheScope.Fixtures();

        var result = CommandResult.Of("validate", file, "--model-path", ExperimentFilesTests.Model("tiny-gpt2"),
            "--masked-lm-path", ExperimentFilesTests.Model("tiny-roberta"),
            "--at2-estimator-path", Path.Combine(ExperimentFilesTests.Model("tiny-gpt2-at2"), "at2_estimator.safetensors"));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
    }

    [Test]
    public void The_layout_table_names_every_command()
    {
        var row = Readme().Split('\n').Single(l => l.StartsWith("| `src/Harness.Cli` |", StringComparison.Ordinal));
        var listed = row[row.IndexOf(':', StringComparison.Ordinal)..row.IndexOf('(', StringComparison.Ordinal)]
            .Split(',').Select(c => c.Trim(' ', ':', '`')).Where(c => c.Length > 0);

        Assert.That(listed, Is.EquivalentTo(HarnessCommandLine.Build().Subcommands.Select(c => c.Name)));
    }
}
