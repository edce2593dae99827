namespace Harness.Reporting.Tables;

/// <summary>
/// A paper table as data, written by <see cref="MarkdownTable"/>, <see cref="LatexTable"/> and <see cref="CsvTable"/>:
/// rows of attributors, columns grouped by model, each entry an estimate with its interval.
/// </summary>
/// <param name="Id">File stem of the written table ("reagent_token_lambada").</param>
/// <param name="Caption">What the numbers are, the interval, and the paper the layout follows.</param>
public sealed record ResultTable(string Id, string Title, string Caption, string RowHeader, IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows)
{
    /// <summary>The rows holding the best estimate of each column (several on a tie; none when the column has no best or no value).</summary>
    public IReadOnlySet<int> BestRows(int column)
    {
        var best = Columns[column].Best;
        var values = Rows.Select((r, i) => (i, v: r.Values[column]?.Estimate ?? double.NaN)).Where(x => double.IsFinite(x.v)).ToList();
        if (best == BestDirection.None || values.Count == 0) return new HashSet<int>();
        var target = best == BestDirection.Higher ? values.Max(x => x.v) : values.Min(x => x.v);
        // Ties are compared after rounding to the digits shown, so two entries that print the same are both marked.
        var shown = TableValue.Number(target, Columns[column].Digits);
        return values.Where(x => TableValue.Number(x.v, Columns[column].Digits) == shown).Select(x => x.i).ToHashSet();
    }

    public bool IsBest(int row, int column) => BestRows(column).Contains(row);
}
