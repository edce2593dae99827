using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Harness.Benchmarks;

/// <summary>The mean over a case's last call of one diagnostic of its attributions (e.g. ReAGent's steps_mean), from
/// <see cref="CostLedger.RecordDiagnostics"/>; shown only where some case recorded it.</summary>
public sealed class DiagnosticColumn(string diagnostic, string columnName, string legend) : IColumn
{
    public string Id => nameof(DiagnosticColumn) + diagnostic;
    public string ColumnName => columnName;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 10;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => legend;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => CostLedger.FindDiagnostic(c, diagnostic) is not null);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        CostLedger.FindDiagnostic(benchmarkCase, diagnostic) is { } value ? value.ToString("0.##", CultureInfo.InvariantCulture) : "-";
}
