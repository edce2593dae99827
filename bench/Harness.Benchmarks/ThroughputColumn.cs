using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Harness.Benchmarks;

/// <summary>Work per second from a benchmark's <see cref="ThroughputAttribute"/> and its mean time,
/// e.g. "8123 tokens/s" or "6.2 MB/s".</summary>
public sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);
    public string ColumnName => "Throughput";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 1;
    public bool IsNumeric => false;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Work per second: tokens/s for models, MB/s for tokenizers";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) =>
        summary.BenchmarksCases.Any(c => c.Descriptor.WorkloadMethod.GetCustomAttribute<ThroughputAttribute>() is not null);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var work = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<ThroughputAttribute>();
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (work is null || mean is null or 0) return "-";
        var perSecond = work.Amount / mean.Value * 1e9;
        var format = perSecond >= 100 ? "F0" : "F2";
        return $"{perSecond.ToString(format, CultureInfo.InvariantCulture)} {work.Unit}/s";
    }
}
