namespace Harness.Cli.Tests;

/// <summary>`harness run --resume` after the experiment grew (issue 24 item 7): it says what it added to the finished
/// cells; a change to what they were computed with, command-line overrides included, is one `error:` line naming it
/// and exit code 2.</summary>
[TestFixture]
[Fast]
public sealed class ResumeGrownGridTests
{
    private const string Experiment = """
        output: run
        models:
          - {name: tiny, path: MODEL}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 2, seed: 1}
        attributors: [random]
        metrics: [plausibility]
        """;

    [Test]
    public void A_grown_experiment_resumes_with_its_new_cells_and_the_metrics_finished_cells_lacked()
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Experiment);
        Assert.That(CommandResult.Of("run", path).ExitCode, Is.EqualTo(0));
        files.Write(Experiment.Replace("[random]", "[random, saliency]").Replace("[plausibility]", "[plausibility, soft_ns]"));

        var resumed = CommandResult.Of("run", path, "--resume");

        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.Error);
        Assert.That(resumed.Output, Does.Contain("metrics soft_ns added to 1 finished cell(s) from their stored attributions"));
        Assert.That(resumed.Output, Does.Contain("1 cells done, 0 failed, 1 finished before"));
    }

    [Test]
    public void A_changed_definition_or_override_is_refused_with_exit_code_2()
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Experiment);
        Assert.That(CommandResult.Of("run", path, "--sample", "1").ExitCode, Is.EqualTo(0));

        var withoutOverride = CommandResult.Of("run", path, "--resume");

        Assert.That(withoutOverride.ExitCode, Is.EqualTo(2));
        Assert.That(withoutOverride.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(withoutOverride.Error, Does.StartWith($"error: {path}:5:5: dataset 'kv' changed (sample 1 -> 2), but finished cells"));
        Assert.That(CommandResult.Of("run", path, "--resume", "--sample", "1").ExitCode, Is.EqualTo(0), "the same override resumes");
    }
}
