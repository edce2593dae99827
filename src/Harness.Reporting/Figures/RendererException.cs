namespace Harness.Reporting.Figures;

/// <summary>A figure cannot be drawn on this machine (e.g. no font is installed).</summary>
public sealed class RendererException(string message) : Exception(message);
