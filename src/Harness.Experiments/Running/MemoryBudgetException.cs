namespace Harness.Experiments.Running;

/// <summary>A run whose estimated peak memory exceeds what the host has available (exit code 1 unless --force).</summary>
public sealed class MemoryBudgetException(string message) : Exception(message);
