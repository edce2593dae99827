namespace Harness.Scoring;

/// <summary>A perturbed-context score that cannot be computed as asked (a bad request, option or ablation), with what
/// was expected. The one exception type that crosses from scoring into Attribution and Evaluation: their own errors
/// (AttributionException, MetricException) derive from it, so a caller catches scoring failures in one place.</summary>
public class ScoringException(string message) : Exception(message);
