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

    public static void Record(Type benchmark, CostRecord cost, params (string Name, object Value)[] parameters) =>
        Costs[Key(benchmark, parameters)] = cost;

    public static CostRecord? Find(BenchmarkCase benchmarkCase) =>
        Costs.GetValueOrDefault(Key(benchmarkCase.Descriptor.Type, benchmarkCase.Parameters.Items.Select(p => (p.Name, p.Value)).ToArray()));

    private static string Key(Type benchmark, (string Name, object Value)[] parameters) =>
        benchmark.Name + "/" + string.Join("/", parameters.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value}"));
}
