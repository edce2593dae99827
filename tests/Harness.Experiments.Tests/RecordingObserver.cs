using Harness.Experiments.Grid;
using Harness.Experiments.Running;
using Harness.Experiments.Store;

namespace Harness.Experiments.Tests;

/// <summary>An observer that records finished cells and can request a stop after the n-th.</summary>
public sealed class RecordingObserver(CancellationTokenSource? stop = null, int stopAfter = int.MaxValue) : IRunObserver
{
    public List<CellOutcome> Finished { get; } = [];

    public Action<int>? OnCellFinished { get; init; }

    public void RunStarted(string runId, int cells, int alreadyFinished)
    {
    }

    /// <summary>What the runner said it loads or leaves out, in order.</summary>
    public List<string> Loaded { get; } = [];

    public void Loading(string what) => Loaded.Add(what);

    public void CellStarted(Cell cell, int items)
    {
    }

    public void ItemFinished(Cell cell, int done, int items)
    {
    }

    public void CellFinished(CellOutcome outcome)
    {
        Finished.Add(outcome);
        OnCellFinished?.Invoke(Finished.Count);
        if (Finished.Count >= stopAfter) stop?.Cancel();
    }
}
