using Harness.Experiments.Store;

namespace Harness.Cli.Tests;

/// <summary>`harness run` on a store another live run holds: exit code 1 and one line naming the holder.</summary>
[TestFixture]
[Fast]
public sealed class RunLockTests
{
    [Test]
    public void A_second_run_on_a_held_store_exits_1_naming_the_holder()
    {
        using var files = new ExperimentFiles();
        var experiment = files.Write("""
            output: held
            models:
              - {name: tiny, path: MODEL}
            datasets:
              - {name: kv, reader: synthetic, task: key_value_recall, sample: 1, seed: 1}
            attributors: [random]
            metrics: [plausibility]
            """);
        using var lease = RunLease.Acquire(Path.Combine(files.Folder, "held"));

        var result = CommandResult.Of("run", experiment);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
            Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(result.Error, Does.Contain($"pid {Environment.ProcessId} on {Environment.MachineName}"));
        });
    }
}
