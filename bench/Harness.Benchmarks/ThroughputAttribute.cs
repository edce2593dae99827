namespace Harness.Benchmarks;

/// <summary>How much work one invocation of the benchmark does, in <see cref="Unit"/>s (tokens,
/// MB, ...), for the throughput column.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ThroughputAttribute(double amount, string unit) : Attribute
{
    public double Amount { get; } = amount;
    public string Unit { get; } = unit;
}
