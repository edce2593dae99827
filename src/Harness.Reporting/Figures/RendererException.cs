namespace Harness.Reporting.Figures;

/// <summary>The Node renderer is missing, was not set up, or failed on a spec.</summary>
public sealed class RendererException(string message) : Exception(message);
