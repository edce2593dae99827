using System.Globalization;
using CsvHelper;

namespace Harness.Reporting.Tables;

/// <summary>A table as long-format CSV for other tools: one line per row x column with the estimate, interval bounds
/// (empty when absent), the examples it rests on, whether it is bold (the column's best, significantly ahead of the
/// runner-up: <see cref="ColumnBest"/>) and, on the column's best, the Holm-adjusted p of that test. Numbers are
/// round-trip ("R"); line ends are RFC 4180's CRLF.</summary>
public static class CsvTable
{
    /// <summary>The CSV text of <paramref name="table"/>, header line first.</summary>
    public static string Write(ResultTable table)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions(), true))
        {
            foreach (var header in new[] { table.RowHeader.ToLowerInvariant(), "group", "column", "estimate", "lower", "upper", "examples", "best", "p_holm" }) csv.WriteField(header);
            csv.EndRecord();
            for (var r = 0; r < table.Rows.Count; r++)
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var value = table.Rows[r].Values[c];
                csv.WriteField(table.Rows[r].Label);
                csv.WriteField(table.Columns[c].Group);
                csv.WriteField(table.Columns[c].Header);
                csv.WriteField(Number(value?.Estimate));
                csv.WriteField(Number(value?.Lower));
                csv.WriteField(Number(value?.Upper));
                csv.WriteField(value is null ? "" : value.Examples.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(table.IsBest(r, c) ? "true" : "false");
                csv.WriteField(table.Bests[c].Row == r ? Number(table.Bests[c].AdjustedP) : "");
                csv.EndRecord();
            }

            csv.Flush();
        }

        return writer.ToString();
    }

    private static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
