using System.Globalization;
using Harness.Models.Hub;
using Spectre.Console;

namespace Harness.Cli.Commands;

/// <summary>How downloads show: a progress bar per file (size, speed, time left) on a terminal; one line per
/// finished file when output is redirected (logs, CI), and a line on standard error for each resumed transfer.</summary>
internal static class DownloadDisplay
{
    public static T Show<T>(Func<IDownloadProgress, T> body)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected || !console.Profile.Capabilities.Interactive) return body(new Lines());
        var result = default(T)!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(),
                new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(context => result = body(new Bars(context)));
        return result;
    }

    /// <summary>"1.5 GB": decimal units, as the Hub shows sizes.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1000 && unit < units.Length - 1) (value, unit) = (value / 1000, unit + 1);
        return unit == 0 ? $"{bytes} B" : value.ToString(value < 10 ? "F1" : "F0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private sealed class Bars(ProgressContext context) : IDownloadProgress
    {
        private readonly Dictionary<string, ProgressTask> bars = [];

        private ProgressTask Bar(string file) =>
            bars.TryGetValue(file, out var bar) ? bar : bars[file] = context.AddTask(Markup.Escape(file), maxValue: 1);

        public void Started(string file, long resumedAt, long? total)
        {
            var bar = Bar(file);
            bar.IsIndeterminate = total is null;
            bar.MaxValue = Math.Max(total ?? 1, 1);
            bar.Value = resumedAt;
        }

        public void Advanced(string file, long bytes) => Bar(file).Increment(bytes);

        public void Retrying(string file, string reason) => Bar(file).Description = Markup.Escape($"{file} (resuming after: {reason})");

        public void Finished(string file)
        {
            var bar = Bar(file);
            bar.Description = Markup.Escape(file);
            bar.IsIndeterminate = false;
            bar.Value = bar.MaxValue;
            bar.StopTask();
        }
    }

    private sealed class Lines : IDownloadProgress
    {
        private readonly Dictionary<string, (long Start, long Done)> files = [];

        public void Started(string file, long resumedAt, long? total) => files[file] = (resumedAt, resumedAt);

        public void Advanced(string file, long bytes) => files[file] = files.TryGetValue(file, out var f) ? (f.Start, f.Done + bytes) : (0, bytes);

        public void Retrying(string file, string reason) => Console.Error.WriteLine($"  {file}: {reason}; resuming");

        public void Finished(string file)
        {
            var (start, done) = files.GetValueOrDefault(file);
            var how = done == start ? "in the cache" : start > 0 ? $"{Bytes(done - start)} downloaded, resumed at {Bytes(start)}" : $"{Bytes(done)} downloaded";
            Console.WriteLine($"  {file}: {Bytes(done)} ({how})");
        }
    }
}
