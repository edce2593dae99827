using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Harness.Benchmarks;

/// <summary>Resident memory left by a model load relative to the weight file's size.</summary>
public sealed class ResidentRatioColumn : IColumn
{
    public string Id => nameof(ResidentRatioColumn);
    public string ColumnName => "RSS/file";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 2;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Resident-memory growth after loading, divided by the model file's size";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(LoadBenchmarks));

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(LoadBenchmarks.LoadGpt2Small)
            ? LoadBenchmarks.ResidentOverFileSize.ToString("F2", CultureInfo.InvariantCulture)
            : "-";
}
