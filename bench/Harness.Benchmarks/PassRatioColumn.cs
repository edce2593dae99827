using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Harness.Benchmarks;

/// <summary>Forward passes used divided by the definition's minimum; "-" where the minimum is 0 (then
/// the used count must be 0 too, shown in the Forward column).</summary>
public sealed class PassRatioColumn : IColumn
{
    public string Id => nameof(PassRatioColumn);
    public string ColumnName => "Used/Min";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 7;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Forward passes used / the definition's minimum";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(MetricBenchmarks));

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        MetricBenchmarks.MinimumOf(benchmarkCase) is { Passes: > 0 } row && CostLedger.Find(benchmarkCase) is { } cost
            ? (cost.ForwardPasses / (double)row.Passes).ToString("F2", CultureInfo.InvariantCulture)
            : "-";
}
