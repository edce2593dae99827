namespace Harness.Cli.Tests;

/// <summary>The overrides that shrink a paper experiment to a smoke test refuse, in one line with exit code 2,
/// names the experiment does not have; `--set` changes only the named method's options.</summary>
[TestFixture]
[Fast]
public sealed class ExperimentOverridesTests
{
    private static string ReagentTokenLevel => RepositoryFolder.Combine("experiments", "reagent_token_level.yaml");

    [Test]
    public void Set_on_a_method_the_experiment_lacks_is_a_usage_error()
    {
        var result = CommandResult.Of("validate", ReagentTokenLevel, "--set", "lime.samples=4");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error.Trim(), Is.EqualTo($"error: --set lime...: no attributor or metric of {ReagentTokenLevel} is called 'lime'"));
    }

    [Test]
    public void Set_needs_name_key_and_value()
    {
        var result = CommandResult.Of("validate", ReagentTokenLevel, "--set", "reagent=4");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("expected NAME.KEY=VALUE"));
    }

    [Test]
    public void Only_model_names_a_model_of_the_file()
    {
        var result = CommandResult.Of("validate", ReagentTokenLevel, "--only-model", "gpt-5");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("has no model 'gpt-5'").And.Contain("gpt2-medium"));
    }

    [Test]
    public void Dry_run_shows_the_overridden_grid()
    {
        using var datasets = DatasetCacheScope.Fixtures();
        var result = CommandResult.Of("run", ReagentTokenLevel, "--dry-run", "--model-path", RepositoryFolder.Combine("experiments", "models", "tiny-gpt2"),
            "--device", "cpu", "--only-model", "opt-350m", "--sample", "3", "--set", "reagent.max_steps=7");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("opt-350m").And.Not.Contain("gpt2-xl"));
        // 3 items per cell, and reagent's pass estimate follows max_steps=7 (its default, 5000 steps, is thousands).
        var reagent = result.Output.Split('\n').Single(l => l.Contains("opt-350m/longra/reagent/seed=0", StringComparison.Ordinal));
        var columns = reagent.Split('│', StringSplitOptions.TrimEntries);
        Assert.That(columns[2], Is.EqualTo("3"));
        Assert.That(int.Parse(columns[3].Split('/')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture), Is.LessThan(100));
    }
}
