using Harness.Scoring;

namespace Harness.Attribution.Core;

/// <summary>Scores of the attributed region (one per position of <see cref="Harness.Scoring.ScoringRequest.Region"/>,
/// in order), the cost, and method-specific diagnostics (e.g. integrated gradients' completeness gap).</summary>
public sealed record AttributionResult(float[] Scores, CostRecord Cost, IReadOnlyDictionary<string, double> Diagnostics)
{
    /// <summary>The same scores before their float32 rounding, where the method computed them in
    /// float64 (a float64 model); null otherwise. Reference parity in float64 is checked on these.</summary>
    public double[]? Float64Scores { get; init; }
}
