namespace Harness.Attribution.Core;

/// <summary>An attribution that cannot run as asked (bad request or option), with what was expected.</summary>
public sealed class AttributionException(string message) : Exception(message);
