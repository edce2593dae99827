using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Harness.Models;
using Harness.Models.Formats;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>Loading a GPT-2-small-sized model.safetensors (~500 MB, float32) and the resident
/// memory it leaves (target: at most 1.2x the file size; the file is memory-mapped and copied
/// once, into libtorch memory).</summary>
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

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(directory, recursive: true);

    /// <summary>Frees garbage and hands the C heap's free pages back to the OS, so that memory
    /// freed earlier (the model written in setup) is not silently reused and hidden from the ratio.</summary>
    private static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        malloc_trim(0);
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);

    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
