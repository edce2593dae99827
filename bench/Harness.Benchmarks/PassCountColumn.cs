using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Harness.Benchmarks;

/// <summary>Forward or backward passes (sequences) of a case's last call, from its CostRecord.</summary>
public sealed class PassCountColumn(bool backward) : IColumn
{
    public string Id => nameof(PassCountColumn) + (backward ? "Backward" : "Forward");
    public string ColumnName => backward ? "Backward" : "Forward";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => backward ? 4 : 3;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => backward ? "Sequences back-propagated per call" : "Sequences run forward per call";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => CostLedger.Find(c) is not null);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        CostLedger.Find(benchmarkCase) is { } cost
            ? (backward ? cost.BackwardPasses : cost.ForwardPasses).ToString(CultureInfo.InvariantCulture)
            : "-";
}
