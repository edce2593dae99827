using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace Harness.Cli.Commands;

/// <summary>
/// `harness bench [--root DIR] [-- BenchmarkDotNet arguments]`: runs the BenchmarkDotNet suite of
/// bench/Harness.Benchmarks and prints where its exports went (results/bench/&lt;UTC date&gt;/results/:
/// GitHub Markdown, CSV and the full JSON that `harness compare` reads). The suite runs as its own
/// process (`dotnet Harness.Benchmarks.dll ARGS`, the built Release assembly) rather than through a
/// referenced BenchmarkSwitcher: BenchmarkDotNet owns its process (console, priority, GC settings and,
/// with the default toolchains, a child process per benchmark), the suite's in-process cost columns
/// read statics of that process, and the CLI does not have to carry BenchmarkDotNet. The suite is not
/// built here: a missing assembly fails naming the build command.
/// </summary>
internal static class BenchCommand
{
    public const string BuildCommand = "dotnet build bench/Harness.Benchmarks -c Release";

    public static Command Create()
    {
        var root = new Option<string?>("--root") { Description = "The repository (the folder holding Harness.sln); found above the current directory by default." };
        var arguments = new Argument<string[]>("ARGS") { Arity = ArgumentArity.ZeroOrMore, Description = "BenchmarkDotNet's own arguments, after --." };
        var command = new Command("bench", $"""
            Run the benchmark suite (bench/Harness.Benchmarks; build it first: {BuildCommand}).

            Examples:
              harness bench -- --filter '*MetricBenchmarks*'
              harness bench -- --filter '*AttributorBenchmarks*gpt2-small*'
              HARNESS_BENCH_METHODS=saliency,occlusion harness bench -- --filter '*Attributor*'
              HARNESS_BENCH_DEVICE=cuda HARNESS_BENCH_DTYPE=float32,bfloat16 harness bench -- --filter '*Forward*'
            """);
        command.Options.Add(root);
        command.Arguments.Add(arguments);
        command.SetAction(result => CommandRunner.Run(() => Run(result.GetValue(root), result.GetValue(arguments) ?? [])));
        return command;
    }

    private static int Run(string? root, string[] arguments)
    {
        var repository = root ?? FindRepository(Directory.GetCurrentDirectory());
        if (!File.Exists(Path.Combine(repository, "Harness.sln")))
            throw new UsageException($"{repository} holds no Harness.sln; run from the repository or give --root");
        var assembly = Path.Combine(repository, "bench", "Harness.Benchmarks", "bin", "Release", "net10.0", "Harness.Benchmarks.dll");
        if (!File.Exists(assembly))
            throw new UsageException($"the benchmark suite is not built ({assembly} is missing); build it first: {BuildCommand}");

        // The suite names its folder by the UTC date when it starts (BindingConfig.ExportFolder).
        var started = DateTime.UtcNow;
        var exports = Path.Combine(repository, "results", "bench", started.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "results");
        var code = RunSuite(assembly, repository, arguments);
        var written = Directory.Exists(exports)
            ? Directory.GetFiles(exports).Where(f => File.GetLastWriteTimeUtc(f) >= started.AddSeconds(-1)).Order(StringComparer.Ordinal).ToList()
            : [];
        Console.WriteLine(written.Count == 0 ? $"no exports written under {exports}" : $"exports in {exports}:");
        foreach (var file in written) Console.WriteLine($"  {Path.GetFileName(file)}");
        return code;
    }

    /// <summary>Runs the suite with its output forwarded line by line; its exit code (1 when a benchmark failed).</summary>
    private static int RunSuite(string assembly, string repository, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repository, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Out.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }

    private static string FindRepository(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln"))) return dir.FullName;
        return from;
    }
}
