namespace Harness.Reporting.Tables;

/// <summary>A value column: the group it sits under (a model, or empty), its header, which value is best, and the decimals shown.</summary>
public sealed record TableColumn(string Group, string Header, BestDirection Best, int Digits = 2)
{
    /// <summary>The header with its group, for flat layouts (Markdown, CSV): "gpt2 Soft-NS".</summary>
    public string FullHeader => Group.Length == 0 ? Header : $"{Group} {Header}";
}
