using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Harness.Models;
using Harness.Models.Formats;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>Loading a GPT-2-small-sized model.safetensors (~500 MB, float32, in the page cache after setup) and the
/// resident memory it leaves (target: at most 1.2x the file size; the file is memory-mapped and each tensor copied
/// once, straight into its parameter: SafeTensorsFile.Load), and the CLI's time to its first forward: `harness logits`
/// on that folder and 64 token ids as a process, from its start to its exit after the forward (issue 27 item 5; goal
/// for the load: under 1 s on the 2-core CPU).</summary>
[WarmupCount(1)]
[IterationCount(3)]
[RunOncePerIteration]
public class LoadBenchmarks
{
    private string directory = null!;

    /// <summary>Resident-memory growth after the last load divided by the file's size (the RSS/file column).</summary>
    public static double ResidentOverFileSize { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        directory = Path.Combine(Path.GetTempPath(), "harness-bench-gpt2-small");
        Directory.CreateDirectory(directory);
        using var model = RandomGpt2.Create();
        using var scope = torch.NewDisposeScope();
        SafeTensorsWriter.Write(Path.Combine(directory, "model.safetensors"), model.state_dict().ToList());
        File.WriteAllText(Path.Combine(directory, "config.json"), JsonSerializer.Serialize(RandomGpt2.SmallConfig));
    }

    [Benchmark]
    public long LoadGpt2Small()
    {
        Settle();
        var before = ResidentBytes();
        using var model = ModelLoader.Load(directory);
        Settle();
        var after = ResidentBytes();
        ResidentOverFileSize = (double)(after - before) / new FileInfo(Path.Combine(directory, "model.safetensors")).Length;
        return model.VocabSize;
    }

    /// <summary>`harness logits DIR --ids ...` (64 ids) as a process: .NET start-up, loading, one forward, printing.
    /// The CLI is the published one beside this assembly (a bundle), else the repository's Release build.</summary>
    [Benchmark]
    public int CliLogitsGpt2Small()
    {
        var start = new ProcessStartInfo(Cli()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "logits", directory, "--ids", string.Join(",", Enumerable.Range(0, 64).Select(i => i * 769 % 50257)) })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"harness logits failed ({process.ExitCode}): {error.Result}");
        return process.ExitCode;
    }

    private static string Cli()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "harness");
        if (File.Exists(beside)) return beside;
        var built = Path.Combine(RepositoryRoot.Path, "src", "Harness.Cli", "bin", "Release", "net10.0", "harness");
        return File.Exists(built) ? built : throw new FileNotFoundException($"no harness CLI at {beside} or {built}; build it: dotnet build src/Harness.Cli -c Release");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(directory, recursive: true);

    /// <summary>Frees garbage and hands the C heap's free pages back to the OS, so that memory
    /// freed earlier (the model written in setup) is not silently reused and hidden from the ratio.</summary>
    private static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        _ = malloc_trim(0); // 1 when memory was released, 0 otherwise: either is fine here
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);

    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
