using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Experiments.Grid;
using Harness.Experiments.Running;
using Harness.Experiments.Store;
using Harness.Scoring;
using Spectre.Console;

namespace Harness.Cli.Commands;

/// <summary>`harness run`'s progress: a Spectre.Console bar over the cells with elapsed time and ETA on a
/// terminal; one line per cell (with an ETA from the mean cell time) when output is redirected. Within an item,
/// a long attribution's progress (<see cref="AttributionProgressLine"/>) shows in the bar's description, or as a
/// log line every 10 s once it has run that long.</summary>
internal sealed class ConsoleRunObserver(ProgressTask? bar, TimeProvider? time = null) : IRunObserver
{
    private readonly TimeProvider time = time ?? TimeProvider.System;
    private readonly long started = (time ?? TimeProvider.System).GetTimestamp();
    private readonly AttributionProgressLine attribution = new(time ?? TimeProvider.System);
    private int total;
    private int done;
    private int startedWith;
    private int item;
    private int items;

    /// <summary>The runner's attributor decoration: the cell's attributor, its progress reported to this observer.</summary>
    public IAttributor Attributor(Cell cell, IAttributor attributor) =>
        new ProgressReportingAttributor(attributor, new SynchronousProgress<AttributionProgress>(p => AttributionProgressed(cell, p)));

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
        (item, this.items) = (1, items);
        attribution.Restart();
        if (bar is not null) bar.Description = Markup.Escape($"{cell.Id} (0/{items})");
    }

    public void ItemFinished(Cell cell, int finished, int items)
    {
        (item, this.items) = (finished + 1, items);
        attribution.Restart();
        if (bar is not null) bar.Description = Markup.Escape($"{cell.Id} ({finished}/{items})");
    }

    /// <summary>The attribution of the cell's current item has got this far.</summary>
    public void AttributionProgressed(Cell cell, AttributionProgress progress)
    {
        if (bar is not null) bar.Description = Markup.Escape($"{cell.Id} ({item - 1}/{items}; item {item}: {attribution.Describe(progress)})");
        else if (attribution.DueForLog()) Console.WriteLine($"    {cell.Id} item {item}/{items}: {attribution.Describe(progress)}");
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
        var eta = TimeSpan.FromSeconds(time.GetElapsedTime(started).TotalSeconds / ranNow * (total - done));
        var status = outcome.Failed ? $"FAILED: {outcome.Error}" : $"{outcome.Attributions.Count} attributions";
        Console.WriteLine($"  [{done}/{total}] {outcome.Cell.Id}: {status} ({outcome.WallMilliseconds / 1000:F1} s; ETA {eta:hh\\:mm\\:ss})");
    }
}
