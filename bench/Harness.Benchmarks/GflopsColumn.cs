using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Harness.Benchmarks;

/// <summary>GFLOP/s from a benchmark's <see cref="FlopsAttribute"/> and its mean time.</summary>
public sealed class GflopsColumn : IColumn
{
    public string Id => nameof(GflopsColumn);
    public string ColumnName => "GFLOP/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Billions of floating-point operations per second (2*M*N*K for a matmul)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var flops = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<FlopsAttribute>()?.Flops;
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (flops is null || mean is null or 0) return "-";
        return (flops.Value / mean.Value).ToString("F1", CultureInfo.InvariantCulture); // ns -> GFLOP/s
    }
}
