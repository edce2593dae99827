using Harness.Experiments.Store;

namespace Harness.Cli.Tests;

/// <summary>
/// Scale-out issue, item 6: the quickstart submitted to a real single-node Slurm started on this machine
/// (<see cref="LocalSlurm"/>) through deploy/slurm/submit.sh (the plan job, a 4-task array of deploy/slurm/run.sbatch
/// with its `--gres=gpu:1`, the dependent merge job), on the CPU, ends with a merged store whose export equals a
/// single-process run's bit for bit (cost and timing columns excluded). One example per dataset (`--sample 1`, all 64
/// cells) keeps it to about a minute on 2 cores; both runs use one libtorch and one OpenBLAS thread, as the workers do.
/// </summary>
[TestFixture]
[Category("slurm")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Soak]
public sealed class SlurmTests
{
    private static readonly Dictionary<string, string> Threads = new() { ["HARNESS_NUM_THREADS"] = "1", ["OPENBLAS_NUM_THREADS"] = "1" };

    [Test]
    public void The_quickstart_as_a_four_task_array_merges_to_the_single_process_run()
    {
        if (LocalSlurm.MissingProgram() is { } missing)
            Assert.Fail($"{missing} is not installed: this test starts a real Slurm and needs Debian's slurm-wlm and munge (`./run-all.sh setup` installs them)");
        using var files = new ExperimentFiles();
        using var slurm = LocalSlurm.Start();
        var harness = $"dotnet {Path.Combine(AppContext.BaseDirectory, "harness.dll")}";
        var quickstart = RepositoryFolder.Combine("experiments", "quickstart.yaml");
        var (sharded, single) = (Path.Combine(files.Folder, "sharded"), Path.Combine(files.Folder, "single"));
        var environment = new Dictionary<string, string>(Threads)
        {
            ["HARNESS"] = harness,
            ["SBATCH_OUTPUT"] = Path.Combine(files.Folder, "%x-%A_%a.out"),
        };

        var submitted = slurm.Execute("bash", [RepositoryFolder.Combine("deploy", "slurm", "submit.sh"), "4", quickstart, "--sample", "1", "--output", sharded],
            environment, TimeSpan.FromMinutes(2));
        Assert.That(submitted.ExitCode, Is.EqualTo(0), submitted.Error);
        var jobs = submitted.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(jobs, Has.Length.EqualTo(3), "submit.sh prints the plan, array and merge job ids");
        var reference = slurm.Execute("dotnet", [Path.Combine(AppContext.BaseDirectory, "harness.dll"), "run", quickstart, "--sample", "1", "--output", single],
            Threads, TimeSpan.FromMinutes(5));
        Assert.That(reference.ExitCode, Is.EqualTo(0), reference.Error);
        slurm.WaitForJobs(jobs, TimeSpan.FromMinutes(8));

        var logs = string.Concat(Directory.GetFiles(files.Folder, "*.out").Order().Select(f => $"\n--- {Path.GetFileName(f)}:\n{File.ReadAllText(f)}"));
        Assert.That(slurm.States(jobs[0]), Is.EqualTo(new[] { "COMPLETED 0:0" }), "the plan job" + logs);
        Assert.That(slurm.States(jobs[1]), Is.EqualTo(Enumerable.Repeat("COMPLETED 0:0", 4)), "the four shard tasks" + logs);
        Assert.That(slurm.States(jobs[2]), Is.EqualTo(new[] { "COMPLETED 0:0" }), "the merge job" + logs);
        Assert.That(Directory.GetDirectories(Path.Combine(sharded, "shards", "v1")).Select(Path.GetFileName).Order(),
            Is.EqualTo(new[] { "0-of-4", "1-of-4", "2-of-4", "3-of-4" }));
        using (var merged = ResultStore.OpenReadOnly(sharded))
            Assert.That(merged.MergedShards().Select(s => s.Shard.ToString()), Is.EqualTo(new[] { "0/4", "1/4", "2/4", "3/4" }));

        var expected = ComparableExport.Of(single);
        Assert.That(expected, Has.Count.EqualTo(672), "64 cells, each metric that applies on one example per dataset");
        Assert.That(ComparableExport.Of(sharded), Is.EqualTo(expected));
    }
}
