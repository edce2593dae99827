using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Harness.Benchmarks;

/// <summary>The options an attributor case ran with where they differ from the method's defaults
/// (<see cref="AttributorBenchmarks.OptionsOf"/>), so an export says e.g. which max_steps reagent had.</summary>
public sealed class AttributorOptionsColumn : IColumn
{
    public string Id => nameof(AttributorOptionsColumn);
    public string ColumnName => "Options";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => false;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Attributor options that differ from its defaults (AttributorBenchmarks overrides and HARNESS_BENCH_OPTIONS)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(AttributorBenchmarks) || c.Descriptor.Type == typeof(ReagentPaperBenchmarks));

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        benchmarkCase.Descriptor.Type == typeof(ReagentPaperBenchmarks) ? string.Join(" ", ReagentPaperBenchmarks.Options.Select(o => $"{o.Key}={o.Value}"))
        : benchmarkCase.Descriptor.Type == typeof(AttributorBenchmarks) && benchmarkCase.Parameters[nameof(AttributorBenchmarks.Attributor)] is string name
            ? AttributorBenchmarks.OptionsOf(name) is { Count: > 0 } options ? string.Join(" ", options.Select(o => $"{o.Key}={o.Value}")) : "defaults"
            : "-";
}
