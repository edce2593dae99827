using System.Diagnostics;
using System.Text.Json;
using Harness.Experiments.Running;
using Harness.Experiments.Store;
using Harness.Experiments.Yaml;

namespace Harness.Experiments.Tests;

/// <summary>One writer per store (RunLease): a second run fails at once naming the holder; a lease whose holder is
/// gone (exited on this host, or not renewed in time anywhere) is taken over, so kill -9 and a requeue can resume.</summary>
[TestFixture]
[Fast]
public sealed class RunLeaseTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Test]
    public void A_second_writer_fails_at_once_naming_host_pid_and_start_time()
    {
        using var files = new ExperimentFiles();
        using var first = RunLease.Acquire(files.Folder, Minute);

        var refusal = Assert.Throws<RunLockedException>(() => RunLease.Acquire(files.Folder, Minute))!;

        Assert.That(refusal.Message, Does.Contain($"pid {Environment.ProcessId} on {Environment.MachineName}, started ").And.Contain("stale after 60 s"));
    }

    [Test]
    public void A_run_on_a_store_whose_lease_is_held_fails_before_writing_anything()
    {
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(files.Write("""
            output: run
            models:
              - {name: tiny, path: MODEL}
            datasets:
              - {name: kv, reader: synthetic, task: key_value_recall, sample: 1, seed: 1}
            attributors: [random]
            metrics: [plausibility]
            """));
        using var held = RunLease.Acquire(spec.Output, Minute);

        Assert.That(() => new ExperimentRunner(new RecordingObserver()).Run(spec, resume: false), Throws.TypeOf<RunLockedException>());
        Assert.That(File.Exists(Path.Combine(spec.Output, ResultStore.FileName)), Is.False);
    }

    [Test]
    public void The_lease_is_released_when_the_run_ends()
    {
        using var files = new ExperimentFiles();
        using (RunLease.Acquire(files.Folder, Minute))
            Assert.That(File.Exists(Path.Combine(files.Folder, RunLease.FileName)), Is.True);

        Assert.That(File.Exists(Path.Combine(files.Folder, RunLease.FileName)), Is.False);
        using var again = RunLease.Acquire(files.Folder, Minute);
    }

    [Test]
    public void A_lease_left_by_an_exited_process_of_this_host_is_taken_over_at_once()
    {
        using var files = new ExperimentFiles();
        using var exited = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        exited.WaitForExit();
        WriteLease(files.Folder, new LeaseHolder(Environment.MachineName, exited.Id, DateTime.UtcNow, "killed"), age: TimeSpan.Zero);

        using var lease = RunLease.Acquire(files.Folder, Minute);

        Assert.That(LeaseHolder.Read(Path.Combine(files.Folder, RunLease.FileName))!.Pid, Is.EqualTo(Environment.ProcessId));
    }

    [Test]
    public void A_lease_of_another_host_holds_until_it_goes_unrenewed_for_the_stale_time()
    {
        using var files = new ExperimentFiles();
        var remote = new LeaseHolder("another-node", 4242, DateTime.UtcNow, "remote");

        WriteLease(files.Folder, remote, age: TimeSpan.FromSeconds(10));
        Assert.That(() => RunLease.Acquire(files.Folder, Minute), Throws.TypeOf<RunLockedException>().With.Message.Contains("pid 4242 on another-node"));

        WriteLease(files.Folder, remote, age: TimeSpan.FromMinutes(5));
        using var lease = RunLease.Acquire(files.Folder, Minute);
        Assert.That(LeaseHolder.Read(Path.Combine(files.Folder, RunLease.FileName))!.Host, Is.EqualTo(Environment.MachineName));
    }

    [Test]
    public void A_held_lease_is_renewed_so_it_never_goes_stale_while_its_run_lives()
    {
        using var files = new ExperimentFiles();
        var staleAfter = TimeSpan.FromMilliseconds(400);
        using var lease = RunLease.Acquire(files.Folder, staleAfter);

        Thread.Sleep(staleAfter * 3);

        var age = DateTime.UtcNow - File.GetLastWriteTimeUtc(Path.Combine(files.Folder, RunLease.FileName));
        Assert.That(age, Is.LessThan(staleAfter), "renewed every quarter of the stale time");
        Assert.That(() => RunLease.Acquire(files.Folder, staleAfter), Throws.TypeOf<RunLockedException>());
    }

    private static void WriteLease(string folder, LeaseHolder holder, TimeSpan age)
    {
        var path = Path.Combine(folder, RunLease.FileName);
        File.WriteAllText(path, JsonSerializer.Serialize(holder));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
    }
}
