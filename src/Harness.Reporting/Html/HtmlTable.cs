using System.Text;
using Harness.Reporting.Tables;
using System.Globalization;

namespace Harness.Reporting.Html;

/// <summary>A paper table as an HTML table: model groups in a first header row, the best entry of each column in &lt;strong&gt;.</summary>
internal static class HtmlTable
{
    public static string Write(ResultTable table)
    {
        var html = new StringBuilder();
        html.Append($"<table class=\"result\" id=\"table-{table.Id}\">\n<caption>{HtmlText.Encode(table.Caption)}</caption>\n<thead>\n<tr><th></th>");
        foreach (var group in table.Columns.GroupBy(c => c.Group)) html.Append(CultureInfo.InvariantCulture, $"<th colspan=\"{group.Count()}\">{HtmlText.Encode(group.Key)}</th>");
        html.Append($"</tr>\n<tr><th>{HtmlText.Encode(table.RowHeader)}</th>");
        foreach (var column in table.Columns) html.Append($"<th>{HtmlText.Encode(column.Header)}</th>");
        html.Append("</tr>\n</thead>\n<tbody>\n");
        for (var r = 0; r < table.Rows.Count; r++)
        {
            html.Append($"<tr><th>{HtmlText.Encode(table.Rows[r].Label)}</th>");
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var entry = HtmlText.Encode(table.Rows[r].Values[c]?.Format(table.Columns[c].Digits) ?? "");
                html.Append(table.IsBest(r, c) ? $"<td class=\"best\"><strong>{entry}</strong></td>" : $"<td>{entry}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        return html.ToString();
    }
}
