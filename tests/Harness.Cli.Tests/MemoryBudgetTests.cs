namespace Harness.Cli.Tests;

/// <summary>`harness run` refuses, before it starts, a run whose estimated peak memory exceeds what the host has
/// available (exit 1, one line with the estimate), unless --force; --dry-run prints the estimate.</summary>
[TestFixture]
[NonParallelizable]
[Fast]
public sealed class MemoryBudgetTests
{
    private const string Experiment = """
        output: run
        batch_size: 64
        models:
          - {name: tiny, path: MODEL}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 1, seed: 1}
        attributors: [random]
        metrics: [plausibility]
        """;

    [TearDown]
    public void ClearOverride() => Environment.SetEnvironmentVariable("HARNESS_AVAILABLE_MEMORY_BYTES", null);

    [Test]
    public void Dry_run_prints_the_estimated_peak_memory_per_model()
    {
        using var files = new ExperimentFiles();

        var result = CommandResult.Of("run", files.Write(Experiment), "--dry-run");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Match(@"peak memory tiny: about \d+\.\d\d GiB at peak \(\d+\.\d\d GiB weights \+ \d+\.\d\d GiB for one batch\)"));
    }

    [Test]
    public void Each_re_initialised_copy_model_randomization_loads_counts_as_weights()
    {
        using var files = new ExperimentFiles();
        var experiment = Experiment.Replace("metrics: [plausibility]",
            "metrics: [plausibility, model_randomization, {name: model_randomization, label: top, options: {layers: 1}}]");

        var result = CommandResult.Of("run", files.Write(experiment), "--dry-run");
        var spec = Harness.Experiments.Yaml.ExperimentYaml.Load(files.Write(Experiment, "one.yaml"));
        var one = Harness.Experiments.Running.MemoryEstimate.Of(spec.Models[0], 64, 16);
        var three = Harness.Experiments.Running.MemoryEstimate.Of(spec.Models[0], 64, 16, weightCopies: 3);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
            Assert.That(result.Output, Does.Contain("weights in 3 copies"), "the model and two distinct re-initialised copies");
            Assert.That(three.WeightBytes, Is.EqualTo(3 * one.WeightBytes));
            Assert.That(three.ActivationBytes, Is.EqualTo(one.ActivationBytes));
        });
    }

    [Test]
    public void A_run_that_cannot_fit_fails_before_it_starts_unless_forced()
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Experiment);
        Environment.SetEnvironmentVariable("HARNESS_AVAILABLE_MEMORY_BYTES", "1000");

        var refused = CommandResult.Of("run", path);
        var forced = CommandResult.Of("run", path, "--force");

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(1));
            Assert.That(refused.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(refused.Error, Does.Contain("above the 0.00 GiB this host has available").And.Contain("--force"));
            Assert.That(forced.ExitCode, Is.EqualTo(0), forced.Error);
        });
    }
}
