namespace Harness.Evaluation.Core;

/// <summary>A metric cannot be computed as asked (bad option, scores of the wrong length, a resource
/// the metric needs is missing); the message says what is wrong and what was expected.</summary>
public sealed class MetricException(string message) : Exception(message);
