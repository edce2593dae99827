namespace Harness.Experiments.Planning;

/// <summary>A shard, its experiment or its harness does not belong to the run's plan (the one-line message says how);
/// nothing was written.</summary>
public sealed class PlanMismatchException(string message) : Exception(message);
