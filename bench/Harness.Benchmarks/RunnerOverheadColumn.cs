using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Harness.Benchmarks;

/// <summary>The runner's overhead share of <see cref="RunnerBenchmarks"/>'s last run (target: under 5%).</summary>
public sealed class RunnerOverheadColumn : IColumn
{
    public string Id => nameof(RunnerOverheadColumn);
    public string ColumnName => "Overhead";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 9;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Share of the run's wall time outside model loading, target selection, attributors and metrics";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(RunnerBenchmarks));

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        benchmarkCase.Descriptor.Type == typeof(RunnerBenchmarks) && RunnerBenchmarks.LastOverhead is { } share
            ? share.ToString("P2", CultureInfo.InvariantCulture)
            : "-";
}
