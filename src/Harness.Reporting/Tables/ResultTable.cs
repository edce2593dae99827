namespace Harness.Reporting.Tables;

/// <summary>
/// A paper table as data, written by <see cref="MarkdownTable"/>, <see cref="LatexTable"/> and <see cref="CsvTable"/>:
/// rows of attributors, columns grouped by model, each entry an estimate with its interval.
/// </summary>
/// <param name="Id">File stem of the written table ("reagent_token_lambada").</param>
/// <param name="Caption">What the numbers are, the interval, the paper the layout follows, n and what bold means.</param>
public sealed record ResultTable(string Id, string Title, string Caption, string RowHeader, IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows)
{
    // Get-only, so that `with` cannot change the entries under the bests tested from them.
    /// <summary>The columns, grouped by model, in order.</summary>
    public IReadOnlyList<TableColumn> Columns { get; } = Columns;

    /// <summary>The rows, one per attributor, in order.</summary>
    public IReadOnlyList<TableRow> Rows { get; } = Rows;

    /// <summary>Per column its best entry and whether it is bold (<see cref="ColumnBest"/>), tested once when the table is made.</summary>
    public IReadOnlyList<ColumnBest> Bests { get; } = ColumnBest.Of(Columns, Rows);

    /// <summary>The row in bold in <paramref name="column"/>, when its best is significantly better than the runner-up; empty otherwise.</summary>
    public IReadOnlySet<int> BestRows(int column) =>
        Bests[column] is { Marked: true, Row: { } row } ? new HashSet<int> { row } : new HashSet<int>();

    /// <summary>Whether <paramref name="row"/> is bold in <paramref name="column"/> (see <see cref="BestRows"/>).</summary>
    public bool IsBest(int row, int column) => Bests[column] is { Marked: true } best && best.Row == row;

    /// <summary>Comparisons the table's Holm correction runs over: columns with a best and a runner-up sharing an example.</summary>
    public int Comparisons => Bests.Count(b => b.Test is not null);
}
