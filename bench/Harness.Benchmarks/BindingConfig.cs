using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Harness.Benchmarks;

/// <summary>In-process runs (the native shim is already built beside the assembly), Markdown and
/// JSON exports under results/bench/&lt;date&gt;/, and the throughput and memory columns.</summary>
public sealed class BindingConfig : ManualConfig
{
    public BindingConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15));
        AddColumnProvider(DefaultColumnProviders.Instance);
        AddColumn(new ThroughputColumn(), new ResidentRatioColumn(), new PassCountColumn(backward: false), new PassCountColumn(backward: true));
        AddExporter(MarkdownExporter.GitHub, JsonExporter.Full, BenchmarkDotNet.Exporters.Csv.CsvExporter.Default);
        AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default);
        ArtifactsPath = Path.Combine(RepositoryRoot(), "results", "bench", DateTime.UtcNow.ToString("yyyy-MM-dd"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
