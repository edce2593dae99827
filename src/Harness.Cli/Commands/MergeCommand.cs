using System.CommandLine;
using Harness.Experiments.Planning;

namespace Harness.Cli.Commands;

/// <summary>`harness merge RUN`: the shard stores of the run's plan into RUN/results.sqlite (<see cref="ShardMerger"/>);
/// exit code 1 while cells are missing or failed, 2 for a shard of another plan or harness.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("RUN") { Description = "The run folder `harness plan` wrote, or the experiment file whose run folder it is." };
        var output = new Option<string?>("--output") { Description = "With an experiment file: the run folder, as `harness plan --output` had it." };
        var command = new Command("merge", """
            Merge a planned run's shard stores (RUN/shards/vV/I-of-N) into RUN/results.sqlite. Merging again changes only what is
            new; a shard of another plan or computed by another harness is refused. Reports the cells still missing or failed.

            Examples:
              harness merge results/runs/quickstart
              harness merge experiments/quickstart.yaml          # the file's run folder (its `output`, or --output)
              harness report results/runs/quickstart
            """);
        command.Arguments.Add(folder);
        command.Options.Add(output);
        command.SetAction(r => CommandRunner.Run(() => Print(ShardMerger.Merge(RunFolder(r.GetValue(folder)!, r.GetValue(output))))));
        return command;
    }

    /// <summary>The run folder: given, or an experiment file's (`--output`, else the file's `output`).</summary>
    private static string RunFolder(string argument, string? output) =>
        output is not null ? output
        : File.Exists(argument) ? Harness.Experiments.Validation.ExperimentValidator.LoadValid(argument, s => s).Output
        : argument;

    /// <summary>Prints the report; the exit code: 0 when every cell of the plan is done.</summary>
    internal static int Print(MergeReport report)
    {
        foreach (var (shard, cells, values) in report.Shards)
            Console.WriteLine($"  shard {shard.Shard} ({shard.Device} on {shard.Machine.Split(',')[0]}): {cells} cells{(values > 0 ? $", {values} metric values for finished cells" : "")}");
        var plan = report.Plan;
        var work = plan.Work.Count();
        Console.WriteLine($"merged {report.Shards.Count} shard store(s) of plan version {plan.Version} into {Path.Combine(plan.RunFolder, Harness.Experiments.Store.ResultStore.FileName)}: " +
                          $"{work - report.Missing.Count - report.Failed.Count} of {work} planned cells done, {report.Missing.Count} missing, {report.Failed.Count} failed");
        if (report.Missing.Count > 0)
            Console.Error.WriteLine($"missing: {string.Join(", ", report.Missing.Take(10))}{(report.Missing.Count > 10 ? $" and {report.Missing.Count - 10} more" : "")}");
        foreach (var (cell, error) in report.Failed.Take(10)) Console.Error.WriteLine($"cell {cell} failed: {error}");
        if (report.ShardsToRerun.Count > 0)
            Console.Error.WriteLine($"run shard(s) {string.Join(", ", report.ShardsToRerun)} again (`harness run FILE --shard I/N` resumes them), then merge again");
        return report.Complete ? 0 : 1;
    }
}
