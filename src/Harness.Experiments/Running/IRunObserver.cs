using Harness.Experiments.Grid;
using Harness.Experiments.Store;

namespace Harness.Experiments.Running;

/// <summary>What a run reports while it works (the command line shows it as progress with an ETA);
/// libraries print nothing themselves.</summary>
public interface IRunObserver
{
    /// <summary>The run <paramref name="runId"/> starts with <paramref name="cells"/> cells, <paramref name="alreadyFinished"/> of them finished before (resume).</summary>
    void RunStarted(string runId, int cells, int alreadyFinished);

    /// <summary>A slow step starts (loading a model, choosing targets); <paramref name="what"/> names it.</summary>
    void Loading(string what);

    /// <summary><paramref name="cell"/> starts on <paramref name="items"/> items.</summary>
    void CellStarted(Cell cell, int items);

    /// <summary><paramref name="done"/> of the cell's <paramref name="items"/> items are attributed and evaluated.</summary>
    void ItemFinished(Cell cell, int done, int items);

    /// <summary>A cell finished or failed; its outcome is already stored.</summary>
    void CellFinished(CellOutcome outcome);
}
