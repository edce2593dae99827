namespace Harness.Reporting.Comparison;

/// <summary>A baseline cell (or metric, or benchmark) the run lacks or failed: always a regression.</summary>
public sealed record CellProblem(string Subject, string Problem);
