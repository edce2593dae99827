using System.CommandLine;
using Harness.Experiments.Outputs;
using Harness.Experiments.Store;
using Harness.Reporting.Export;
using Harness.Reporting.Results;

namespace Harness.Cli.Commands;

/// <summary>`harness export RUN_FOLDER`: the run's metric values as CSV or JSONL (with scores and costs), or as typed
/// Parquet with the attributions' tokens and scores in a second file beside it (<see cref="ParquetExport"/>). Each
/// file is written whole or not at all (<see cref="AtomicFile"/>), and never over the run's own store.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("RUN_FOLDER") { Description = $"A run's output folder (holding {ResultStore.FileName})." };
        var format = new Option<string>("--format") { Description = "csv, jsonl or parquet.", DefaultValueFactory = _ => "csv" };
        var output = new Option<string?>("--out")
        {
            Description = $"The file to write; standard output when absent (csv, jsonl). Parquet needs it, and writes the attributions to its stem + {ParquetExport.AttributionsSuffix} beside it.",
        };
        var command = new Command("export", """
            Export a run's results: one row per cell x example x step x metric (parquet: and per part of a metric).

            Examples:
              harness export runs/quickstart --format csv --out quickstart.csv
              harness export runs/quickstart --format jsonl | head
              harness export runs/quickstart --format parquet --out quickstart.parquet   # + quickstart.attributions.parquet (tokens, scores)
            """);
        command.Arguments.Add(folder);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(r => CommandRunner.Run(() => Run(r.GetValue(folder)!, r.GetValue(format)!, r.GetValue(output))));
        return command;
    }

    private static int Run(string folder, string format, string? output)
    {
        if (format is not ("csv" or "jsonl" or "parquet")) throw new UsageException($"--format must be csv, jsonl or parquet, got '{format}'");
        if (!File.Exists(Path.Combine(folder, ResultStore.FileName)))
            throw new UsageException($"{folder} holds no {ResultStore.FileName}: give the output folder of a `harness run`");
        if (output is not null && IsStoreFile(folder, output))
            throw new UsageException($"--out {output} is the run's own result store; choose another file");
        if (format == "parquet") return Parquet(folder, output);
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

    private static int Parquet(string folder, string? output)
    {
        if (output is null) throw new UsageException("--format parquet writes two binary files: give --out FILE.parquet");
        var attributions = ParquetExport.AttributionsPath(output);
        if (IsStoreFile(folder, attributions))
            throw new UsageException($"--out {output} would write the attributions over the run's own result store; choose another file");
        RunResults run;
        try
        {
            run = RunResults.Load(folder);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }

        var (metricRows, attributionRows) = ParquetExport.Write(run, output);
        Console.WriteLine($"{metricRows} metric rows written to {output}, {attributionRows} attributions to {attributions}");
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
