using System.CommandLine;
using System.Globalization;
using Harness.Experiments.Planning;
using Harness.Experiments.Running;
using Spectre.Console;

namespace Harness.Cli.Commands;

/// <summary>`harness run FILE`: every cell of an experiment into the run folder's result store, with
/// progress and a summary table; `--resume` skips finished cells (and runs only what a grown grid adds), `--dry-run` prints the grid and an
/// estimate of the passes, `--fetch` first downloads missing models and datasets (<see cref="MissingDownloads"/>),
/// Ctrl-C stops within the item in flight, dropping its unfinished cell (exit code 130).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The experiment YAML." };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in the experiment's output folder, skipping finished cells; a grown grid (new models, datasets, attributors, metrics, seeds) runs only what it adds." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the grid and an estimate of forward/backward passes; run nothing." };
        var force = new Option<bool>("--force") { Description = "Start even when the estimated peak memory exceeds the host's available memory." };
        var output = new Option<string?>("--output") { Description = "Write the run into this folder instead of the experiment's `output` (e.g. one run per device of the same file)." };
        var fetch = new Option<bool>("--fetch") { Description = "First download the models (Hub ids) and datasets (`source:` names) the caches lack, as `harness fetch` does." };
        var shard = new Option<string?>("--shard") { Description = "I/N: run only shard I (from 0) of N of the run's plan (`harness plan`) into RUN/shards/vV/I-of-N; rerun to resume it; `harness merge RUN` folds the shards together." };
        var devices = new Option<string?>("--devices") { Description = "cuda:0,cuda:1,...: plan the run, start one worker process per device over as many shards, and merge them at the end." };
        var command = new Command("run", """
            Run every cell of an experiment (models x datasets x attributors x seeds; all metrics in each cell) into its output folder.

            Examples:
              harness run experiments/quickstart.yaml
              harness run experiments/quickstart.yaml --dry-run
              harness run experiments/quickstart.yaml --resume     # after Ctrl-C or a crash, or after adding to the grid
              harness run experiments/quickstart.yaml --device cuda --output results/runs/quickstart-cuda
              harness run experiments/quickstart.yaml --device cuda --dtype bfloat16
              harness run experiments/reagent_token_level.yaml --fetch     # download missing models and datasets first
              harness run experiments/quickstart.yaml --shard 2/8   # shard 2 of 8 of the plan `harness plan` wrote (Slurm: deploy/slurm)
              harness run experiments/quickstart.yaml --devices cuda:0,cuda:1,cuda:2,cuda:3   # one worker per GPU, merged at the end
            """);
        command.Arguments.Add(file);
        command.Options.Add(resume);
        command.Options.Add(dryRun);
        command.Options.Add(output);
        command.Options.Add(force);
        command.Options.Add(fetch);
        command.Options.Add(shard);
        command.Options.Add(devices);
        var overrides = ExperimentOverrides.AddTo(command);
        command.SetAction(r => CommandRunner.Run(() =>
        {
            var given = overrides(r);
            if (r.GetValue(fetch)) MissingDownloads.Fetch(r.GetValue(file)!, given.Apply);
            var shardId = r.GetValue(shard) is { } text ? ShardId.TryParse(text, out var problem) ?? throw new UsageException($"--shard: {problem}") : (ShardId?)null;
            if (r.GetValue(devices) is { } list)
            {
                if (shardId is not null || r.GetValue(dryRun)) throw new UsageException("--devices starts its own shards: leave out --shard and --dry-run");
                if (given.Placement.Device is not null) throw new UsageException("--devices names every worker's device: leave out --device");
                return DeviceWorkers.Run(r.GetValue(file)!, DeviceWorkers.Parse(list), r.GetValue(output), r.GetValue(force), given);
            }

            return Run(r.GetValue(file)!, r.GetValue(resume), r.GetValue(dryRun), r.GetValue(output), r.GetValue(force), given, shardId);
        }));
        return command;
    }

    /// <summary>The experiment with the command line's overrides and output folder applied, validated, its options bound
    /// and its devices resolved, each once (<see cref="ExperimentRunner.Prepare(string, Func{Harness.Experiments.Schema.ExperimentSpec, Harness.Experiments.Schema.ExperimentSpec}?)"/>).</summary>
    internal static ResolvedRun Prepare(string file, string? output, ExperimentOverrides overrides) =>
        ExperimentRunner.Prepare(file, s =>
        {
            var adjusted = overrides.Apply(s);
            return output is null ? adjusted : adjusted with { Output = Path.GetFullPath(output) };
        });

    private static int Run(string file, bool resume, bool dryRun, string? output, bool force, ExperimentOverrides overrides, ShardId? shard)
    {
        var run = Prepare(file, output, overrides);
        if (dryRun) return DryRun(run, force);
        if (!force) ExperimentRunner.EnsureFits(run, ExperimentRunner.Footprints(run));
        // A shard always resumes: rerunning its command (a requeued Slurm task) continues it.
        Func<ConsoleRunObserver, CancellationToken, RunSummary> execute = shard is { } s
            ? (observer, stop) => ShardWorker.Run(run, s, observer, observer.Attributor, stop)
            : (observer, stop) => new ExperimentRunner(observer, observer.Attributor).Run(run, resume, stop);

        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (stop.IsCancellationRequested) return; // a second Ctrl-C ends the process at once
            e.Cancel = true;
            stop.Cancel();
            Console.Error.WriteLine("stopping within the item in flight; its cell is dropped (Ctrl-C again to abort now; `harness run --resume` runs it again)");
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            RunSummary summary;
            // The observer also wraps the attributors, so that it hears how far a long attribution has got.
            if (Console.IsOutputRedirected || !Terminal().Profile.Capabilities.Interactive)
            {
                summary = execute(new ConsoleRunObserver(null), stop.Token);
            }
            else
            {
                summary = null!;
                Terminal().Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .Start(context =>
                    {
                        summary = execute(new ConsoleRunObserver(context.AddTask("cells")), stop.Token);
                    });
            }

            PrintSummary(run.Spec, summary);
            return summary.Stopped ? 130 : summary.Failed > 0 || summary.MetricsAdded.Any(m => m.Error is not null) ? 1 : 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>A Spectre console over the current Console.Out (AnsiConsole's static one keeps the first
    /// writer it saw); redirected output has no terminal width, so a log line is 200 wide and cell ids do not wrap.</summary>
    internal static IAnsiConsole Terminal()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected) console.Profile.Width = 200;
        return console;
    }

    /// <summary>The estimate as a table, the total and every model's peak memory; then the memory check unless --force.</summary>
    private static int DryRun(ResolvedRun run, bool force)
    {
        var estimate = ExperimentRunner.Estimate(run);
        var table = new Table().AddColumns("cell", "items", "attribution fwd/bwd per item", "metrics fwd per item");
        foreach (var cell in estimate.Cells)
            table.AddRow(Markup.Escape(cell.CellId), cell.Items.ToString(CultureInfo.InvariantCulture),
                $"{cell.Attribution.Forward:F0} / {cell.Attribution.Backward:F0}", $"{cell.Metrics.Forward:F0}");

        Terminal().Write(table);
        var total = estimate.Total;
        Console.WriteLine($"{estimate.Cells.Count} cells; about {total.Forward:N0} forward and {total.Backward:N0} backward passes in all (an estimate, each cell's untimed warm-up item included; caches and shared memos make runs cheaper)");
        foreach (var footprint in estimate.Footprints) Console.WriteLine($"peak memory {footprint}");
        if (!force) ExperimentRunner.EnsureFits(run, estimate.Footprints);
        return 0;
    }

    private static void PrintSummary(Harness.Experiments.Schema.ExperimentSpec spec, RunSummary summary)
    {
        foreach (var line in RunSummaryTable.Lines(summary.Ran, spec.Metrics, SummaryWidth())) Console.WriteLine(line);
        foreach (var failed in summary.Ran.Where(o => o.Failed)) Console.Error.WriteLine($"cell {failed.Cell.Id} failed: {failed.Error}");
        foreach (var failed in summary.MetricsAdded.Where(m => m.Error is not null))
            Console.Error.WriteLine($"metrics {string.Join(", ", failed.Labels)} for finished cell {failed.Cell.Id} failed (the cell keeps what it had; --resume retries): {failed.Error}");
        foreach (var group in summary.MetricsAdded.Where(m => m.Error is null).GroupBy(m => string.Join(", ", m.Labels)))
            Console.WriteLine($"metrics {group.Key} added to {group.Count()} finished cell(s) from their stored attributions");
        Console.WriteLine($"{summary.Ran.Count - summary.Failed} cells done, {summary.Failed} failed, {summary.Skipped} finished before"
            + $"{(summary.Stopped ? $", {summary.Remaining} left (stopped; --resume continues)" : "")}; store: {summary.StorePath}");
    }

    /// <summary>The summary's width: 100 columns, or the terminal's when it is narrower (but not below 60, where it would be mostly labels).</summary>
    private static int SummaryWidth()
    {
        if (Console.IsOutputRedirected) return RunSummaryTable.Width;
        try
        {
            return Console.WindowWidth is var columns and > 0 ? Math.Clamp(columns, 60, RunSummaryTable.Width) : RunSummaryTable.Width;
        }
        catch (IOException)
        {
            return RunSummaryTable.Width;
        }
    }
}
