namespace Harness.Reporting.Tables;

/// <summary>One row: its label (an attributor) and one value per column (null: the run has no such value).</summary>
public sealed record TableRow(string Label, IReadOnlyList<TableValue?> Values);
