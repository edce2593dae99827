namespace Harness.Attribution.Core;

/// <summary>Scores of the attributed region (one per position of <see cref="AttributionRequest.Region"/>,
/// in order), the cost, and method-specific diagnostics (e.g. integrated gradients' completeness gap).</summary>
public sealed record AttributionResult(float[] Scores, CostRecord Cost, IReadOnlyDictionary<string, double> Diagnostics);
