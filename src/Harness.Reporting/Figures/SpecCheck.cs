namespace Harness.Reporting.Figures;

/// <summary>The Node script's verdict on one spec: valid against the Vega-Lite schema and compiled without warnings, or the errors.</summary>
public sealed record SpecCheck(string SpecPath, bool Ok, IReadOnlyList<string> Errors);
