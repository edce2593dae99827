using BenchmarkDotNet.Running;
using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Benchmarks;

/// <summary>The CostRecord of each benchmark case's last call, read by the custom columns. Cases run
/// in this process (BindingConfig's in-process toolchain), so a static table reaches the summary. A
/// case's key is its declared type (not the toolchain's emitted subclass, so record with typeof) and
/// its parameters as name=value, sorted by name.</summary>
public static class CostLedger
{
    private static readonly Dictionary<string, CostRecord> Costs = [];
    private static readonly Dictionary<string, IReadOnlyDictionary<string, double>> Diagnostics = [];

    public static void Record(Type benchmark, CostRecord cost, params (string Name, object Value)[] parameters) =>
        Costs[Key(benchmark, parameters)] = cost;

    public static CostRecord? Find(BenchmarkCase benchmarkCase) =>
        Costs.GetValueOrDefault(Key(benchmarkCase.Descriptor.Type, benchmarkCase.Parameters.Items.Select(p => (p.Name, p.Value)).ToArray()));

    /// <summary>Records the mean of each diagnostic over the attributions of a case's call (read by <see cref="DiagnosticColumn"/>).</summary>
    public static void RecordDiagnostics(Type benchmark, IReadOnlyList<IReadOnlyDictionary<string, double>> perAttribution, params (string Name, object Value)[] parameters) =>
        Diagnostics[Key(benchmark, parameters)] = perAttribution.SelectMany(d => d).GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(kv => kv.Value), StringComparer.Ordinal);

    public static double? FindDiagnostic(BenchmarkCase benchmarkCase, string name) =>
        Diagnostics.GetValueOrDefault(Key(benchmarkCase.Descriptor.Type, benchmarkCase.Parameters.Items.Select(p => (p.Name, p.Value)).ToArray()))?.GetValueOrDefault(name) is { } value
            ? value : null;

    private static string Key(Type benchmark, (string Name, object Value)[] parameters) =>
        benchmark.Name + "/" + string.Join("/", parameters.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value}"));
}
