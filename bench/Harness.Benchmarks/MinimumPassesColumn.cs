using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Harness.Benchmarks;

/// <summary>The fewest forward passes a metric's definition needs (<see cref="MinimumPasses"/>).</summary>
public sealed class MinimumPassesColumn : IColumn
{
    public string Id => nameof(MinimumPassesColumn);
    public string ColumnName => "Min";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 6;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Fewest forward passes the metric's definition needs (MinimumPasses.cs)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(MetricBenchmarks));

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        MetricBenchmarks.MinimumOf(benchmarkCase) is { } row ? row.Passes.ToString(CultureInfo.InvariantCulture) : "-";
}
