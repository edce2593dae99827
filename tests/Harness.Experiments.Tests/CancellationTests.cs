using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Experiments.Running;
using Harness.Experiments.Yaml;
using Harness.Scoring;

namespace Harness.Experiments.Tests;

/// <summary>A stop request (Ctrl-C) reaches the loops that take seconds (issue 25, item 5): inside a cell it ends the
/// attribution within the batch of forward passes in flight, the store keeps only complete cells, and a resumed run
/// ends with the store of an uninterrupted one.</summary>
[TestFixture]
[Fast]
public sealed class CancellationTests
{
    private const string Grid = """
        output: OUT
        seeds: [0]
        batch_size: 2
        models:
          - {name: tiny, path: MODEL}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 2, seed: 1}
        attributors:
          - random
          - {name: occlusion, options: {replacement_token_id: 0}}
          - saliency
        metrics:
          - soft_ns
          - {name: lds, options: {masks: 8}}
        """;

    [Test]
    public void A_stop_inside_an_attribution_ends_it_within_the_batch_in_flight_and_keeps_only_complete_cells()
    {
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(files.Write(Grid.Replace("OUT", "stopped"), "stopped.yaml"));
        using var stop = new CancellationTokenSource();
        StoppingAttributor? stopping = null;
        var summary = new ExperimentRunner(new RecordingObserver(),
            (cell, made) => cell.Attributor.Name == "occlusion" ? stopping = new StoppingAttributor(made, stop) : made).Run(spec, resume: false, stop.Token);

        Assert.Multiple(() =>
        {
            Assert.That(stopping!.Batches, Is.EqualTo(1), "occlusion scored one batch of its first item, heard the stop, and ran no other");
            Assert.That(stopping.Stopped, Is.True, "the attribution ended with OperationCanceledException");
            Assert.That(summary.Stopped, Is.True);
            Assert.That(summary.Ran.Select(c => c.Cell.Id), Is.EqualTo(new[] { "tiny/kv/random/seed=0" }), "the cell in flight is dropped, not recorded as failed");
            Assert.That(summary.Remaining, Is.EqualTo(2));
            Assert.That(StoreSnapshot.Count(spec.Output, "cells"), Is.EqualTo(1), "only the complete cell is in the store");
            Assert.That(StoreSnapshot.Count(spec.Output, "attributions"), Is.EqualTo(2), "with both of its items");
        });
    }

    [Test]
    public void A_run_stopped_inside_a_cell_resumes_to_the_store_of_an_uninterrupted_one()
    {
        using var files = new ExperimentFiles();
        var whole = ExperimentYaml.Load(files.Write(Grid.Replace("OUT", "whole"), "whole.yaml"));
        new ExperimentRunner(new RecordingObserver()).Run(whole, resume: false);
        var stopped = ExperimentYaml.Load(files.Write(Grid.Replace("OUT", "stopped"), "stopped.yaml"));
        using (var stop = new CancellationTokenSource())
            new ExperimentRunner(new RecordingObserver(), (cell, made) => cell.Attributor.Name == "occlusion" ? new StoppingAttributor(made, stop) : made)
                .Run(stopped, resume: false, stop.Token);

        var resumed = new ExperimentRunner(new RecordingObserver()).Run(stopped, resume: true);

        Assert.That(resumed.Skipped, Is.EqualTo(1));
        Assert.That(resumed.Ran, Has.Count.EqualTo(2));
        var (a, b) = (StoreSnapshot.Of(stopped.Output), StoreSnapshot.Of(whole.Output));
        Assert.That(a, Is.EqualTo(b), StoreSnapshot.FirstDifferences(a, b));
    }

    [Test]
    public void A_stop_while_targets_are_chosen_leaves_no_targets_and_a_resumed_run_chooses_them()
    {
        using var files = new ExperimentFiles();
        var whole = ExperimentYaml.Load(files.Write(Grid.Replace("OUT", "whole"), "whole.yaml"));
        new ExperimentRunner(new RecordingObserver()).Run(whole, resume: false);
        var stopped = ExperimentYaml.Load(files.Write(Grid.Replace("OUT", "stopped"), "stopped.yaml"));
        using (var stop = new CancellationTokenSource())
        {
            var summary = new ExperimentRunner(new StoppingObserver(stop, "targets")).Run(stopped, resume: false, stop.Token);
            Assert.That(summary.Stopped, Is.True);
            Assert.That(StoreSnapshot.Count(stopped.Output, "targets"), Is.Zero, "the targets in flight were never written");
            Assert.That(StoreSnapshot.Count(stopped.Output, "cells"), Is.Zero);
        }

        new ExperimentRunner(new RecordingObserver()).Run(stopped, resume: true);

        Assert.That(StoreSnapshot.Of(stopped.Output), Is.EqualTo(StoreSnapshot.Of(whole.Output)));
    }

    /// <summary>Scores with the wrapped attributor and asks to stop once the first batch of its first item is scored;
    /// counts the batches scored and whether the attribution ended cancelled. Packs nothing, so each item runs alone.</summary>
    private sealed class StoppingAttributor(IAttributor inner, CancellationTokenSource stop) : IAttributor
    {
        public string Name => inner.Name;

        public int Batches { get; private set; }

        public bool Stopped { get; private set; }

        public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
        {
            try
            {
                return inner.Attribute(request with { Progress = new StopOnReport(this, stop) }, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Stopped = true;
                throw;
            }
        }

        private sealed class StopOnReport(StoppingAttributor owner, CancellationTokenSource stop) : IProgress<AttributionProgress>
        {
            public void Report(AttributionProgress value)
            {
                owner.Batches++;
                stop.Cancel();
            }
        }
    }

    /// <summary>Asks to stop when the runner announces loading something that starts with <paramref name="what"/>.</summary>
    private sealed class StoppingObserver(CancellationTokenSource stop, string what) : IRunObserver
    {
        public void RunStarted(string runId, int cells, int alreadyFinished)
        {
        }

        public void Loading(string text)
        {
            if (text.StartsWith(what, StringComparison.Ordinal)) stop.Cancel();
        }

        public void CellStarted(Harness.Experiments.Grid.Cell cell, int items)
        {
        }

        public void ItemFinished(Harness.Experiments.Grid.Cell cell, int done, int items)
        {
        }

        public void CellFinished(Harness.Experiments.Store.CellOutcome outcome)
        {
        }
    }
}
