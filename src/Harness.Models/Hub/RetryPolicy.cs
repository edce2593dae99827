namespace Harness.Models.Hub;

/// <summary>How many tries a transfer gets within one fetch (each resumes where the last broke off) and the
/// pause before each new try.</summary>
public sealed record RetryPolicy(int Attempts, TimeSpan Delay)
{
    /// <summary>Five tries two seconds apart: a flaky connection recovers, a dead one is reported within seconds.</summary>
    public static RetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(2));
}
