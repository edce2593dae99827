using Harness.Scoring;

namespace Harness.Evaluation.Core;

/// <summary>A metric cannot be computed as asked (bad option, scores of the wrong length, a resource
/// the metric needs is missing); the message says what is wrong and what was expected. A <see cref="ScoringException"/>,
/// so callers catch metric and scoring failures as one type.</summary>
public sealed class MetricException(string message) : ScoringException(message);
