using System.CommandLine;
using Harness.Experiments.Store;

namespace Harness.Cli.Commands;

/// <summary>`harness export RUN_FOLDER`: the run's metric values as CSV or JSONL (with scores and costs).</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("RUN_FOLDER") { Description = $"A run's output folder (holding {ResultStore.FileName})." };
        var format = new Option<string>("--format") { Description = "csv or jsonl.", DefaultValueFactory = _ => "csv" };
        var output = new Option<string?>("--out") { Description = "The file to write; standard output when absent." };
        var command = new Command("export", """
            Export a run's results: one row per cell x example x step x metric.

            Examples:
              harness export runs/quickstart --format csv --out quickstart.csv
              harness export runs/quickstart --format jsonl | head
            """);
        command.Arguments.Add(folder);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(r => CommandRunner.Run(() => Run(r.GetValue(folder)!, r.GetValue(format)!, r.GetValue(output))));
        return command;
    }

    private static int Run(string folder, string format, string? output)
    {
        if (format is not ("csv" or "jsonl")) throw new UsageException($"--format must be csv or jsonl, got '{format}'");
        if (!File.Exists(Path.Combine(folder, ResultStore.FileName)))
            throw new UsageException($"{folder} holds no {ResultStore.FileName}: give the output folder of a `harness run`");
        using var store = ResultStore.Open(folder);
        using var file = output is null ? null : new StreamWriter(output);
        var writer = file ?? Console.Out;
        var rows = format == "csv" ? ResultExporter.Csv(store, writer) : ResultExporter.Jsonl(store, writer);
        writer.Flush();
        if (output is not null) Console.WriteLine($"{rows} rows written to {output}");
        return 0;
    }
}
