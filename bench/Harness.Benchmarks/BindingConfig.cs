using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Harness.Benchmarks;

/// <summary>In-process runs (the native shim is already built beside the assembly, and the cost
/// columns read the calls' CostRecords from this process), GitHub Markdown, full JSON (what
/// `harness compare` reads) and CSV exports under results/bench/&lt;date&gt;/, and the throughput,
/// pass-count, memory and minimum-pass columns.</summary>
public sealed class BindingConfig : ManualConfig
{
    public BindingConfig()
    {
        // In process (the cost columns read this process's ledger), with room for calls of minutes (ReAGent,
        // Shapley sampling at 512 tokens on a CPU); the default in-process timeout stops them.
        AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(2), logOutput: true)).WithWarmupCount(3).WithIterationCount(15).AsDefault());
        AddColumnProvider(DefaultColumnProviders.Instance);
        AddColumn(new ThroughputColumn(), new ResidentRatioColumn(), new PassCountColumn(backward: false), new PassCountColumn(backward: true),
            new PeakMemoryColumn(), new MinimumPassesColumn(), new PassRatioColumn(), new RunnerOverheadColumn(), new AttributorOptionsColumn(),
            new DiagnosticColumn("steps_mean", "Steps", "ReAGent: update steps a chain took, mean over the call's chains"),
            new DiagnosticColumn("chains_stopped", "Stopped", "ReAGent: chains that stopped before max_steps, mean per target"));
        AddExporter(MarkdownExporter.GitHub, JsonExporter.Full, BenchmarkDotNet.Exporters.Csv.CsvExporter.Default);
        AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default);
        // Metric names such as aopc_comprehensiveness are longer than the default 20 characters.
        SummaryStyle = BenchmarkDotNet.Reports.SummaryStyle.Default.WithMaxParameterColumnWidth(40);
        ArtifactsPath = ExportFolder;
    }

    /// <summary>results/bench/&lt;UTC date&gt;/ under the repository root; BenchmarkDotNet writes the
    /// reports into its results/ subfolder (harness bench prints that path).</summary>
    public static string ExportFolder => Path.Combine(RepositoryRoot.Path, "results", "bench", DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}
