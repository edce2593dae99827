using Harness.Scoring;

namespace Harness.Attribution.Core;

/// <summary>An attribution that cannot run as asked (bad request or option), with what was expected. A
/// <see cref="ScoringException"/>, so callers catch attribution and scoring failures as one type.</summary>
public sealed class AttributionException(string message) : ScoringException(message);
