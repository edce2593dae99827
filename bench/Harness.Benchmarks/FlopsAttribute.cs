namespace Harness.Benchmarks;

/// <summary>Floating-point operations one invocation of the benchmark performs (for GFLOP/s).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FlopsAttribute(double flops) : Attribute
{
    public double Flops { get; } = flops;
}
