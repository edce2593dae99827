using System.CommandLine;
using Harness.Experiments.Outputs;
using Harness.Experiments.Store;

namespace Harness.Cli.Commands;

/// <summary>`harness export RUN_FOLDER`: the run's metric values as CSV or JSONL (with scores and costs). The
/// file is written whole or not at all (<see cref="AtomicFile"/>), and never over the run's own store.</summary>
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
        if (output is not null && IsStoreFile(folder, output))
            throw new UsageException($"--out {output} is the run's own result store; choose another file");
        using var store = OpenForReading(folder);
        Func<TextWriter, int> export = writer => format == "csv" ? ResultExporter.Csv(store, writer) : ResultExporter.Jsonl(store, writer);
        if (output is null)
        {
            export(Console.Out);
            Console.Out.Flush();
            return 0;
        }

        var rows = AtomicFile.Write(output, export);
        Console.WriteLine($"{rows} rows written to {output}");
        return 0;
    }

    private static ResultStore OpenForReading(string folder)
    {
        try
        {
            return ResultStore.OpenReadOnly(folder);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>The store and SQLite's files beside it (journal, write-ahead log, shared memory).</summary>
    private static bool IsStoreFile(string folder, string output)
    {
        var store = Path.GetFullPath(Path.Combine(folder, ResultStore.FileName));
        var target = Path.GetFullPath(output);
        return new[] { "", "-journal", "-wal", "-shm" }.Any(suffix => target == store + suffix);
    }
}
