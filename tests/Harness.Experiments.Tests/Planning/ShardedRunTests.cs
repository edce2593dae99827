using Harness.Experiments.Planning;
using Harness.Experiments.Running;
using Harness.Experiments.Store;
using Harness.Experiments.Yaml;
using Microsoft.Data.Sqlite;

namespace Harness.Experiments.Tests.Planning;

/// <summary>
/// Scale-out issue, items 1-3: a planned run split over shards and merged holds what a single-process run of the same
/// experiment holds (cells, targets, scores, metric values, parts and flags, bit for bit); merging again changes
/// nothing; a stopped shard resumes; a grown experiment is planned as the next version and leaves finished cells as
/// they were; shards of another plan or harness are refused before anything is merged; missing cells are reported.
/// </summary>
[TestFixture]
[Soak]
public sealed class ShardedRunTests
{
    private const string Grid = """
        output: OUTPUT
        seeds: [0, 1]
        batch_size: 8
        models:
          - {name: tiny, path: MODEL}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 2, seed: 4}
        attributors:
          - random
          - saliency
          - {name: integrated_gradients, options: {steps: 4}}
          - {name: occlusion, options: {replacement_token_id: 0}}
        metrics:
          - {name: lds, options: {masks: 8}}
          - soft_nc
        """;

    /// <summary><see cref="Grid"/> with an attributor and a metric more.</summary>
    private static readonly string Grown = Grid.Replace("  - soft_nc", "  - soft_nc\n  - plausibility")
        .Replace("  - random\n", "  - random\n  - {name: lime, options: {samples: 8}}\n");

    private static Schema.ExperimentSpec Write(ExperimentFiles files, string yaml, string output, string name) =>
        ExperimentYaml.Load(files.Write(yaml.Replace("OUTPUT", output), name));

    private static RunPlan Plan(Schema.ExperimentSpec spec) => Planner.Plan(spec, new RecordingObserver()).Plan;

    private static void RunShards(Schema.ExperimentSpec spec, int count)
    {
        for (var i = 0; i < count; i++) ShardWorker.Run(spec, new ShardId(i, count), new RecordingObserver());
    }

    [Test]
    public void Three_shards_merged_hold_what_a_single_process_run_holds_and_merging_again_changes_nothing()
    {
        using var files = new ExperimentFiles();
        var single = Write(files, Grid, "single", "single.yaml");
        new ExperimentRunner(new RecordingObserver()).Run(single, resume: false);
        var sharded = Write(files, Grid, "sharded", "sharded.yaml");

        var plan = Plan(sharded);
        RunShards(sharded, 3);
        var report = ShardMerger.Merge(sharded.Output);

        Assert.That(plan.Cells.Select(c => c.CellId), Is.EqualTo(Harness.Experiments.Grid.GridExpander.Cells(sharded).Select(c => c.Id)), "the plan keeps the grid's order");
        Assert.That(report.Complete, Is.True);
        Assert.That(report.Shards.Sum(s => s.Cells), Is.EqualTo(8));
        Assert.That(report.Shards.Select(s => s.Cells), Is.All.GreaterThan(0), "every shard got work");
        var merged = StoreSnapshot.Of(sharded.Output);
        Assert.That(merged, Is.EqualTo(StoreSnapshot.Of(single.Output)));

        var again = ShardMerger.Merge(sharded.Output);
        Assert.That(again.Shards.Select(s => (s.Cells, s.MetricValues)), Is.All.EqualTo((0, 0)));
        Assert.That(StoreSnapshot.Of(sharded.Output), Is.EqualTo(merged));
        Assert.That(Planner.Plan(sharded, new RecordingObserver()), Is.EqualTo((plan, false)).Using<(RunPlan, bool)>((a, b) => a.Item1.Sha256 == b.Item1.Sha256 && a.Item2 == b.Item2),
            "planning the same experiment again returns the frozen plan");
    }

    [Test]
    public void A_stopped_shard_resumes_and_a_missing_shard_is_reported_with_the_shard_to_rerun()
    {
        using var files = new ExperimentFiles();
        var spec = Write(files, Grid, "run", "run.yaml");
        Plan(spec);
        using (var stop = new CancellationTokenSource())
        {
            var first = ShardWorker.Run(spec, new ShardId(0, 2), new RecordingObserver(stop, stopAfter: 1), stop: stop.Token);
            Assert.That(first.Stopped, Is.True);
        }

        var partial = ShardMerger.Merge(spec.Output);
        Assert.That(partial.Missing, Has.Count.EqualTo(7));
        Assert.That(partial.ShardsToRerun, Is.EqualTo(new[] { new ShardId(0, 2), new ShardId(1, 2) }), "the stopped shard and the one never run");

        var resumed = ShardWorker.Run(spec, new ShardId(0, 2), new RecordingObserver());
        Assert.That((resumed.Skipped, resumed.Ran.Count), Is.EqualTo((1, 3)));
        var half = ShardMerger.Merge(spec.Output);
        Assert.That(half.Missing, Has.Count.EqualTo(4));
        Assert.That(half.ShardsToRerun, Is.EqualTo(new[] { new ShardId(1, 2) }));
    }

    [Test]
    public void A_grown_experiment_is_planned_as_version_2_and_its_shards_leave_finished_cells_as_they_were()
    {
        using var files = new ExperimentFiles();
        var spec = Write(files, Grid, "run", "run.yaml");
        Plan(spec);
        RunShards(spec, 2);
        ShardMerger.Merge(spec.Output);
        var finished = StoreSnapshot.Of(spec.Output).Where(line => line.StartsWith("attribution", StringComparison.Ordinal)).ToList();

        var grown = Write(files, Grown, "run", "run.yaml");
        var plan = Plan(grown);
        RunShards(grown, 2);
        var report = ShardMerger.Merge(grown.Output);

        Assert.That(plan.Version, Is.EqualTo(2));
        Assert.That(plan.Cells.GroupBy(c => c.Work).ToDictionary(g => g.Key, g => g.Count()),
            Is.EqualTo(new Dictionary<PlannedWork, int> { [PlannedWork.Run] = 2, [PlannedWork.Metrics] = 8 }), "lime's two cells run; the finished eight gain plausibility");
        Assert.That(plan.ShardsFolder, Does.EndWith(Path.Combine("shards", "v2")));
        Assert.That(report.Complete, Is.True);
        Assert.That(StoreSnapshot.Of(grown.Output).Where(line => line.StartsWith("attribution", StringComparison.Ordinal)).ToList(), Is.SupersetOf(finished));
        var single = Write(files, Grown, "single", "single.yaml");
        new ExperimentRunner(new RecordingObserver()).Run(single, resume: false);
        Assert.That(StoreSnapshot.Of(grown.Output), Is.EqualTo(StoreSnapshot.Of(single.Output)), "as a from-scratch run of the grown file");
    }

    [Test]
    public void A_shard_of_another_harness_or_plan_is_refused_before_anything_is_merged()
    {
        using var files = new ExperimentFiles();
        var spec = Write(files, Grid, "run", "run.yaml");
        var plan = Plan(spec);
        RunShards(spec, 2);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(plan.ShardFolder(new ShardId(1, 2)), ResultStore.FileName)};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE shard SET libtorch_version = '9.9'";
            command.ExecuteNonQuery();
        }

        var refused = Assert.Throws<PlanMismatchException>(() => ShardMerger.Merge(spec.Output))!;
        Assert.That(refused.Message, Does.Contain("1-of-2").And.Contain("another harness than the plan's (libtorch").And.Contain("-> 9.9"));
        Assert.That(StoreSnapshot.Count(spec.Output, "cells"), Is.Zero, "shard 0 was not merged either");

        var other = Write(files, Grid, "other", "other.yaml");
        var otherPlan = Plan(other);
        Directory.Delete(plan.ShardFolder(new ShardId(1, 2)), recursive: true);
        CopyFolder(otherPlan.RunFolder, plan.ShardFolder(new ShardId(1, 2)));
        Assert.That(() => ShardMerger.Merge(spec.Output), Throws.TypeOf<PlanMismatchException>().With.Message.Contain("is not a shard's store"));
        Directory.Delete(plan.ShardFolder(new ShardId(1, 2)), recursive: true);
        ShardWorker.Run(other, new ShardId(1, 2), new RecordingObserver());
        CopyFolder(otherPlan.ShardFolder(new ShardId(1, 2)), plan.ShardFolder(new ShardId(1, 2)));
        Assert.That(() => ShardMerger.Merge(spec.Output), Throws.TypeOf<PlanMismatchException>().With.Message.Contain($"of another plan (run {otherPlan.RunId}"));
    }

    [Test]
    public void A_shard_refuses_an_experiment_other_than_the_planned_one_and_a_run_never_planned()
    {
        using var files = new ExperimentFiles();
        var spec = Write(files, Grid, "run", "run.yaml");
        Assert.That(() => ShardWorker.Run(spec, new ShardId(0, 2), new RecordingObserver()),
            Throws.TypeOf<PlanMismatchException>().With.Message.Contain("holds no plan: run `harness plan"));
        Plan(spec);

        var changed = spec with { BatchSize = 4 };
        var error = Assert.Throws<ExperimentException>(() => ShardWorker.Run(changed, new ShardId(0, 2), new RecordingObserver()))!;
        Assert.That(error.Errors.Single().Message, Does.Contain("other settings than the plan").And.Contain("batch_size 8 -> 4"));
        Assert.That(Directory.Exists(Path.Combine(spec.Output, "shards")), Is.False, "nothing was started");
        var onOtherDevice = spec with { Models = [spec.Models[0] with { Device = "CPU" }] };
        Assert.That(() => ShardWorker.Run(onOtherDevice, new ShardId(0, 2), new RecordingObserver()), Throws.Nothing, "a shard's device is its own");
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
