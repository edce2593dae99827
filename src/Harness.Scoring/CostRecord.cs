namespace Harness.Scoring;

/// <summary>What one attribution cost (spec/metrics.md section 7). Forward passes count sequences
/// run through the model (a batch of 8 perturbations is 8), backward passes count gradient
/// computations, tokens count every position of every sequence run forward.</summary>
public sealed record CostRecord(
    TimeSpan WallTime,
    long ForwardPasses,
    long BackwardPasses,
    long TokensProcessed,
    long PeakMemoryBytes,
    string Device,
    string DType);
