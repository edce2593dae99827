using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Cli.Commands;
using Harness.Experiments.Grid;
using Harness.Experiments.Yaml;
using Harness.Scoring;

namespace Harness.Cli.Tests;

/// <summary>A long attribution's progress line with its ETA (issue 24, item 4), and when `harness run` writes it to a log.</summary>
[TestFixture]
[Fast]
public sealed class AttributionProgressTests
{
    [Test]
    public void The_ETA_is_the_mean_time_per_unit_times_the_units_left()
    {
        var clock = new ManualClock();
        var line = new AttributionProgressLine(clock);
        clock.Advance(12);

        Assert.Multiple(() =>
        {
            Assert.That(line.Describe(new AttributionProgress(100, 1000, "path points")), Is.EqualTo("100/1000 path points, 0:00:12 so far, ETA 0:01:48"));
            Assert.That(line.Describe(new AttributionProgress(100, 5000, "steps", TotalIsBound: true)), Is.EqualTo("100/5000 steps, 0:00:12 so far, ETA at most 0:09:48"),
                "ReAGent may stop before its step bound");
            Assert.That(line.Describe(new AttributionProgress(1000, 1000, "path points")), Is.EqualTo("1000/1000 path points, 0:00:12 so far"));
        });
    }

    [Test]
    public void A_log_gets_a_line_only_after_ten_seconds_and_then_every_ten()
    {
        var clock = new ManualClock();
        var line = new AttributionProgressLine(clock);
        var due = new List<bool>();
        foreach (var seconds in new[] { 2, 5, 3, 4, 2, 4, 1 }) // at 2, 7, 10, 14, 16, 20, 21 s
        {
            clock.Advance(seconds);
            due.Add(line.DueForLog());
        }

        line.Restart();
        clock.Advance(9);

        Assert.Multiple(() =>
        {
            Assert.That(due, Is.EqualTo(new[] { false, false, true, false, false, true, false }));
            Assert.That(line.DueForLog(), Is.False, "a new attribution is quiet again for its first 10 s");
        });
    }

    [Test]
    public void Harness_run_logs_the_progress_of_a_long_attribution_with_its_item()
    {
        var clock = new ManualClock();
        var cell = GridExpander.Cells(ExperimentYaml.Load(RepositoryFolder.Combine("experiments", "quickstart.yaml"))).First(c => c.Attributor.Label == "reagent");
        var observer = new ConsoleRunObserver(null, clock);
        var (stdout, log) = (Console.Out, new StringWriter());
        Console.SetOut(log);
        try
        {
            observer.CellStarted(cell, 3);
            observer.ItemFinished(cell, 1, 3);
            foreach (var step in Enumerable.Range(1, 30))
            {
                clock.Advance(1);
                observer.AttributionProgressed(cell, new AttributionProgress(step, 1000, "steps", TotalIsBound: true));
            }
        }
        finally
        {
            Console.SetOut(stdout);
        }

        Assert.That(log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()), Is.EqualTo(new[]
        {
            $"{cell.Id} item 2/3: 10/1000 steps, 0:00:10 so far, ETA at most 0:16:30",
            $"{cell.Id} item 2/3: 20/1000 steps, 0:00:20 so far, ETA at most 0:16:20",
            $"{cell.Id} item 2/3: 30/1000 steps, 0:00:30 so far, ETA at most 0:16:10",
        }));
    }

    [Test]
    public void Listening_to_progress_keeps_the_runner_s_packing()
    {
        var progress = new SynchronousProgress<AttributionProgress>(_ => { });
        Assert.Multiple(() =>
        {
            Assert.That(new ProgressReportingAttributor(new Occlusion(), progress).AttributionsPerPack(16), Is.EqualTo(new Occlusion().AttributionsPerPack(16)));
            Assert.That(new ProgressReportingAttributor(new ReAgent(new ReAgentOptions { Chains = 2 }), progress).AttributionsPerPack(16), Is.EqualTo(ReAgent.WaitingPerRunning * 4),
                "four attributions' chains (2 x 2 rows each) fill 16 rows; as many again wait per one of them");
            Assert.That(new ProgressReportingAttributor(new Saliency(), progress).AttributionsPerPack(16), Is.EqualTo(1), "a method that does not pack runs item by item");
        });
    }
}
