using System.CommandLine;
using System.Globalization;
using Harness.Experiments.Planning;

namespace Harness.Cli.Commands;

/// <summary>`harness plan FILE`: freezes the run's plan in its folder (<see cref="Planner"/>) for `harness run FILE
/// --shard I/N` workers; `--shards N` shows how N shards would share the work.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The experiment YAML." };
        var output = new Option<string?>("--output") { Description = "The run folder, instead of the experiment's `output`." };
        var shards = new Option<int?>("--shards") { Description = "Also print how N shards would share the plan's cells (estimated passes per shard)." };
        var command = new Command("plan", """
            Freeze a run's plan in its folder: the cells in a stable order with their estimated passes, every model x dataset's
            targets (generated text included) and the provenance, so every shard (`harness run FILE --shard I/N`) evaluates the
            same items. It loads each model to choose its targets. Planning a grown experiment adds the next version of the plan;
            finished cells are left as they are. Pass the same options to the shards.

            Examples:
              harness plan experiments/quickstart.yaml --shards 4
              harness run experiments/quickstart.yaml --shard 0/4     # ... to 3/4, anywhere (Slurm: deploy/slurm/run.sbatch)
              harness merge results/runs/quickstart
            """);
        command.Arguments.Add(file);
        command.Options.Add(output);
        command.Options.Add(shards);
        var overrides = ExperimentOverrides.AddTo(command);
        command.SetAction(r => CommandRunner.Run(() => Run(r.GetValue(file)!, r.GetValue(output), r.GetValue(shards), overrides(r))));
        return command;
    }

    private static int Run(string file, string? output, int? shards, ExperimentOverrides overrides)
    {
        if (shards is < 1 or > ShardId.MaxCount) throw new UsageException($"--shards must be 1 to {ShardId.MaxCount}, got {shards}");
        var (plan, created) = Planner.Plan(RunCommand.Prepare(file, output, overrides), new ConsoleRunObserver(null));
        Print(plan, created, shards);
        return 0;
    }

    internal static void Print(RunPlan plan, bool created, int? shards)
    {
        var count = (PlannedWork w) => plan.Cells.Count(c => c.Work == w);
        Console.WriteLine($"plan version {plan.Version} of run {plan.RunId} in {plan.RunFolder}{(created ? "" : " (planned before; unchanged)")}: " +
                          $"{plan.Cells.Count} cells, {count(PlannedWork.Run)} to run, {count(PlannedWork.Metrics)} to gain metrics, {count(PlannedWork.Done)} finished before; " +
                          $"about {plan.Work.Sum(c => c.Forward):N0} forward and {plan.Work.Sum(c => c.Backward):N0} backward passes");
        if (shards is not { } n) return;
        var assignment = ShardPartition.Assign(plan.Cells, n);
        var work = plan.Work.ToDictionary(c => c.CellId);
        for (var i = 0; i < n; i++)
        {
            var mine = assignment.Where(a => a.Value == i).Select(a => work[a.Key]).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  shard {i}/{n}: {mine.Count} cells, about {mine.Sum(c => c.Forward):N0} forward and {mine.Sum(c => c.Backward):N0} backward passes"));
        }
    }
}
