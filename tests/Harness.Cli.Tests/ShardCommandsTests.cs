namespace Harness.Cli.Tests;

/// <summary>Scale-out issue, items 1-4 at the command line: `harness plan`, `harness run --shard I/N`, `harness merge`
/// (exit 0 when complete, 1 naming missing cells and the shards to rerun, 2 for bad input), and `harness run --devices`,
/// which starts one worker process per device and merges them into the store a single-process run writes, which
/// `harness report` and `harness compare` read unchanged (item 7).</summary>
[TestFixture]
[Soak]
public sealed class ShardCommandsTests
{
    private const string Experiment = """
        output: run
        seeds: [0, 1]
        batch_size: 8
        models:
          - {name: tiny, path: MODEL}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 2, seed: 1}
        attributors:
          - random
          - saliency
          - {name: occlusion, options: {replacement_token_id: 0}}
        metrics: [soft_ns, plausibility]
        """;

    [Test]
    public void Plan_shards_and_merge_report_what_they_did_and_merge_exits_1_until_every_cell_is_in()
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Experiment);
        var run = Path.Combine(files.Folder, "run");

        var plan = CommandResult.Of("plan", path, "--shards", "2");
        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.Error);
        Assert.That(plan.Output, Does.Contain($"plan version 1 of run ").And.Contain($" in {run}: 6 cells, 6 to run, 0 to gain metrics, 0 finished before"));
        Assert.That(plan.Output, Does.Contain("  shard 0/2: 3 cells").And.Contain("  shard 1/2: 3 cells"));

        var first = CommandResult.Of("run", path, "--shard", "0/2");
        Assert.That(first.ExitCode, Is.EqualTo(0), first.Error);
        Assert.That(first.Output, Does.Contain($"3 cells done, 0 failed, 0 finished before; store: {Path.Combine(run, "shards", "v1", "0-of-2", "results.sqlite")}"));

        var partial = CommandResult.Of("merge", run);
        Assert.That(partial.ExitCode, Is.EqualTo(1));
        Assert.That(partial.Output, Does.Contain("3 of 6 planned cells done, 3 missing, 0 failed"));
        Assert.That(partial.Error, Does.Contain("missing: tiny/kv/").And.Contain("run shard(s) 1/2 again"));

        Assert.That(CommandResult.Of("run", path, "--shard", "1/2").ExitCode, Is.EqualTo(0));
        var merged = CommandResult.Of("merge", path);
        Assert.That(merged.ExitCode, Is.EqualTo(0), merged.Error);
        Assert.That(merged.Output, Does.Contain("6 of 6 planned cells done, 0 missing, 0 failed"));
        Assert.That(CommandResult.Of("export", run, "--format", "csv").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1 + 6 * 2 * 2));
    }

    [TestCase("2/2", "error: --shard: I counts from 0 to N - 1 (1), got 2")]
    [TestCase("a/2", "error: --shard: expected I/N (shard I of N, counted from 0, e.g. 0/4), got 'a/2'")]
    public void A_bad_shard_is_one_line_and_exit_code_2(string shard, string line)
    {
        using var files = new ExperimentFiles();
        var result = CommandResult.Of("run", files.Write(Experiment), "--shard", shard);
        Assert.That((result.ExitCode, result.Error.Trim()), Is.EqualTo((2, line)));
    }

    [Test]
    public void A_shard_without_a_plan_or_with_other_options_is_refused_with_exit_code_2()
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Experiment);
        var unplanned = CommandResult.Of("run", path, "--shard", "0/2");
        Assert.That(unplanned.ExitCode, Is.EqualTo(2));
        Assert.That(unplanned.Error.Trim(), Does.StartWith("error: ").And.Contain("holds no plan: run `harness plan"));

        Assert.That(CommandResult.Of("plan", path, "--sample", "1").ExitCode, Is.EqualTo(0));
        var otherOptions = CommandResult.Of("run", path, "--shard", "0/2");
        Assert.That(otherOptions.ExitCode, Is.EqualTo(2));
        Assert.That(otherOptions.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(otherOptions.Error, Does.Contain("other settings than the plan").And.Contain("dataset 'kv': sample 1 -> 2"));
        Assert.That(CommandResult.Of("merge", Path.Combine(files.Folder, "nowhere")).Error.Trim(), Does.StartWith("error: ").And.EndWith("give the run folder `harness plan` wrote"));
    }

    [Test]
    public void Devices_start_a_worker_per_device_and_merge_into_the_single_process_store()
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Experiment);
        var single = files.Write(Experiment.Replace("output: run", "output: single"), "single.yaml");
        Assert.That(CommandResult.Of("run", single).ExitCode, Is.EqualTo(0));

        var result = CommandResult.Of("run", path, "--devices", "cpu,cpu");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("  [6/6] cpu tiny/kv/"), "one count over both workers");
        Assert.That(result.Output, Does.Contain("merged 2 shard store(s) of plan version 1").And.Contain("6 of 6 planned cells done"));
        Assert.That(ComparableExport.Of(Path.Combine(files.Folder, "run")), Is.EqualTo(ComparableExport.Of(Path.Combine(files.Folder, "single"))));
        Assert.That(CommandResult.Of("run", path, "--devices", "cpu,cpu", "--device", "cpu").Error.Trim(), Is.EqualTo("error: --devices names every worker's device: leave out --device"));

        // Item 7: a merged run is read as any other.
        var report = CommandResult.Of("report", Path.Combine(files.Folder, "run"));
        Assert.That(report.ExitCode, Is.EqualTo(0), report.Error);
        Assert.That(File.Exists(Path.Combine(files.Folder, "run", "report", "index.html")));
        // Timings differ (two workers share the cores, each compiles its code afresh): only the metrics must agree.
        var compare = CommandResult.Of("compare", Path.Combine(files.Folder, "run"), Path.Combine(files.Folder, "single"), "--timing-ratio", "1000");
        Assert.That(compare.ExitCode, Is.EqualTo(0), compare.Output + compare.Error);
        Assert.That(compare.Output, Does.StartWith("passed: 12 metric comparisons"));
    }
}
