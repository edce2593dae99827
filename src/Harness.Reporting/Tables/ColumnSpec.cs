namespace Harness.Reporting.Tables;

/// <summary>A column repeated under each model: header, best direction, decimals, and the entry for (model, attributor).</summary>
internal sealed record ColumnSpec(string Header, BestDirection Best, int Digits, Func<string, string, TableValue?> Entry);
