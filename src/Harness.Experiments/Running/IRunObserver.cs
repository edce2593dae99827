using Harness.Experiments.Grid;
using Harness.Experiments.Store;

namespace Harness.Experiments.Running;

/// <summary>What a run reports while it works (the command line shows it as progress with an ETA);
/// libraries print nothing themselves.</summary>
public interface IRunObserver
{
    void RunStarted(string runId, int cells, int alreadyFinished);

    void Loading(string what);

    void CellStarted(Cell cell, int items);

    void ItemFinished(Cell cell, int done, int items);

    void CellFinished(CellOutcome outcome);
}
