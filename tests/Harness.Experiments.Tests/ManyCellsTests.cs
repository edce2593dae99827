using Harness.Experiments.Running;
using Harness.Experiments.Yaml;
using Harness.Torch;
using System.Globalization;

namespace Harness.Experiments.Tests;

/// <summary>Experiments issue item 6: a run of 10,000 tiny cells keeps memory flat (resident memory and
/// live tensors after the first thousand cells do not grow with the next nine thousand).</summary>
[TestFixture]
[Soak]
public sealed class ManyCellsTests
{
    [Test]
    public void Ten_thousand_cells_keep_memory_flat()
    {
        using var files = new ExperimentFiles();
        var seeds = string.Join(", ", Enumerable.Range(0, 10_000));
        var spec = ExperimentYaml.Load(files.Write($$"""
            output: run
            seeds: [{{seeds}}]
            models:
              - {name: tiny, path: MODEL}
            datasets:
              - {name: kv, reader: synthetic, task: key_value_recall, sample: 1}
            attributors:
              - random
            metrics:
              - plausibility

            """));
        var (residentAt1000, tensorsAt1000) = (0L, 0L);
        var observer = new RecordingObserver
        {
            OnCellFinished = done =>
            {
                if (done != 1000) return;
                (residentAt1000, tensorsAt1000) = (Resident(), Tensor.LiveCount);
            },
        };

        var summary = new ExperimentRunner(new ListlessObserver(observer)).Run(spec, resume: false);

        var (resident, tensors) = (Resident(), Tensor.LiveCount);
        Assert.That(summary.Ran, Has.Count.EqualTo(10_000));
        Assert.That(summary.Failed, Is.Zero);
        Assert.That(tensors, Is.LessThanOrEqualTo(tensorsAt1000), "no tensor outlives its cell");
        Assert.That(resident - residentAt1000, Is.LessThan(48L << 20), $"resident memory grew {(resident - residentAt1000) >> 20} MB over 9,000 cells");
    }

    private static long Resident()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Counts cells without keeping their outcomes (a kept list would itself grow).</summary>
    private sealed class ListlessObserver(RecordingObserver inner) : IRunObserver
    {
        private int done;

        public void RunStarted(string runId, int cells, int alreadyFinished) => inner.RunStarted(runId, cells, alreadyFinished);

        public void Loading(string what) => inner.Loading(what);

        public void CellStarted(Harness.Experiments.Grid.Cell cell, int items) => inner.CellStarted(cell, items);

        public void ItemFinished(Harness.Experiments.Grid.Cell cell, int finished, int items) => inner.ItemFinished(cell, finished, items);

        public void CellFinished(Harness.Experiments.Store.CellOutcome outcome) => inner.OnCellFinished?.Invoke(++done);
    }
}
