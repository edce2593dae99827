using System.Diagnostics;
using Harness.Experiments.Grid;
using Harness.Experiments.Running;
using Harness.Experiments.Store;
using Spectre.Console;

namespace Harness.Cli.Commands;

/// <summary>`harness run`'s progress: a Spectre.Console bar over the cells with elapsed time and ETA on a
/// terminal; one line per cell (with an ETA from the mean cell time) when output is redirected.</summary>
public sealed class ConsoleRunObserver(ProgressTask? bar) : IRunObserver
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private int total;
    private int done;
    private int startedWith;

    public void RunStarted(string runId, int cells, int alreadyFinished)
    {
        (total, done, startedWith) = (cells, alreadyFinished, alreadyFinished);
        if (bar is not null)
        {
            bar.MaxValue = Math.Max(cells, 1);
            bar.Value = alreadyFinished;
        }
        else
        {
            Console.WriteLine($"run {runId}: {cells} cells{(alreadyFinished > 0 ? $", {alreadyFinished} finished before (resumed)" : "")}");
        }
    }

    public void Loading(string what)
    {
        if (bar is not null) bar.Description = Markup.Escape($"loading {what}");
        else Console.WriteLine($"  loading {what}");
    }

    public void CellStarted(Cell cell, int items)
    {
        if (bar is not null) bar.Description = Markup.Escape($"{cell.Id} (0/{items})");
    }

    public void ItemFinished(Cell cell, int finished, int items)
    {
        if (bar is not null) bar.Description = Markup.Escape($"{cell.Id} ({finished}/{items})");
    }

    public void CellFinished(CellOutcome outcome)
    {
        done++;
        if (bar is not null)
        {
            bar.Increment(1);
            return;
        }

        var ranNow = done - startedWith;
        var eta = TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / ranNow * (total - done));
        var status = outcome.Failed ? $"FAILED: {outcome.Error}" : $"{outcome.Attributions.Count} attributions";
        Console.WriteLine($"  [{done}/{total}] {outcome.Cell.Id}: {status} ({outcome.WallMilliseconds / 1000:F1} s; ETA {eta:hh\\:mm\\:ss})");
    }
}
