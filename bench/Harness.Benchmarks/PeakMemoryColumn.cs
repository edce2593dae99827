using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Harness.Benchmarks;

/// <summary>Peak memory a case's last call added, in MiB, from its CostRecord: resident memory on the
/// CPU, the caching allocator's max_memory_allocated on CUDA (see CostMeter).</summary>
public sealed class PeakMemoryColumn : IColumn
{
    public string Id => nameof(PeakMemoryColumn);
    public string ColumnName => "Peak MiB";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 5;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Peak memory the call added (CPU: resident set; CUDA: caching allocator), MiB";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => CostLedger.Find(c) is not null);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        CostLedger.Find(benchmarkCase) is { } cost
            ? (cost.PeakMemoryBytes / (double)(1 << 20)).ToString("F1", CultureInfo.InvariantCulture)
            : "-";
}
