namespace Harness.Benchmarks;

/// <summary>Tokens one invocation of the benchmark processes (for tokens/s).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TokensAttribute(double tokens) : Attribute
{
    public double Tokens { get; } = tokens;
}
