using System.Text;

namespace Harness.Reporting.Tables;

/// <summary>A table as GitHub Markdown: title line, one header row (group and header joined), the significant best per
/// column in bold (<see cref="ColumnBest"/>), caption below.</summary>
public static class MarkdownTable
{
    /// <summary>The Markdown text of <paramref name="table"/>.</summary>
    public static string Write(ResultTable table)
    {
        var text = new StringBuilder();
        text.Append("### ").Append(table.Title).Append('\n').Append('\n');
        text.Append("| ").Append(Escape(table.RowHeader));
        foreach (var column in table.Columns) text.Append(" | ").Append(Escape(column.FullHeader));
        text.Append(" |\n|---");
        foreach (var _ in table.Columns) text.Append("|---:");
        text.Append("|\n");
        for (var r = 0; r < table.Rows.Count; r++)
        {
            text.Append("| ").Append(Escape(table.Rows[r].Label));
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var entry = table.Rows[r].Values[c]?.Format(table.Columns[c].Digits) ?? "";
                text.Append(" | ").Append(table.IsBest(r, c) ? $"**{entry}**" : entry);
            }

            text.Append(" |\n");
        }

        text.Append('\n').Append(table.Caption).Append('\n');
        return text.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
