using System.Globalization;
using Harness.Experiments.Running;
using Harness.Experiments.Schema;

namespace Harness.Cli.Commands;

/// <summary>
/// `harness run`'s closing summary as plain text that fits a terminal of <see cref="Width"/> columns (issue 24,
/// item 4; one column per metric beside the cell id made ~200-column lines that wrapped into unreadable blocks):
/// one block per model x dataset, a row per cell (its attributor, and seed when the block has several) with its
/// time and the mean of each metric that applies to the dataset (unflagged values, spec/metrics.md section 8).
/// Metric columns that do not fit continue in a further block below, which repeats the row labels.
/// </summary>
internal static class RunSummaryTable
{
    public const int Width = 100;

    private const string Gap = "  ";

    /// <summary>Row labels longer than this are cut (with an ellipsis), so that metric columns keep room.</summary>
    private const int LabelWidth = 32;

    public static IReadOnlyList<string> Lines(IReadOnlyList<CellSummary> ran, IReadOnlyList<MetricSpec> metrics, int width = Width)
    {
        var lines = new List<string>();
        foreach (var group in ran.GroupBy(c => (Model: c.Cell.Model.Name, Dataset: c.Cell.Dataset.Name)))
        {
            var cells = group.ToList();
            var seeds = cells.Select(c => c.Cell.Seed).Distinct().Count() > 1;
            var labels = new Column("cell", cells.Select(c => c.Cell.Attributor.Label + (seeds ? $" seed={c.Cell.Seed}" : "")).ToList(), RightAligned: false);
            var fixedColumns = new List<Column> { labels.CutTo(Math.Min(LabelWidth, width / 3)) };
            if (cells.Any(c => c.Failed)) fixedColumns.Add(new Column("status", cells.Select(c => c.Failed ? "FAILED" : "done").ToList(), RightAligned: false));
            fixedColumns.Add(new Column("s", cells.Select(c => (c.WallMilliseconds / 1000).ToString("F1", CultureInfo.InvariantCulture)).ToList(), RightAligned: true));
            var metricColumns = metrics.Where(m => m.AppliesTo(group.Key.Dataset))
                .Select(m => new Column(m.Label, cells.Select(c => c.MetricMeans.TryGetValue(m.Label, out var mean) ? mean.ToString("G4", CultureInfo.InvariantCulture) : "-").ToList(), RightAligned: true))
                .ToList();

            lines.Add("");
            lines.Add(Cut($"{group.Key.Model} / {group.Key.Dataset}", width));
            var room = width - fixedColumns.Sum(c => c.Width + Gap.Length);
            foreach (var block in Blocks(metricColumns, room))
                lines.AddRange(Render([.. fixedColumns, .. block], cells.Count));
        }

        return lines;
    }

    /// <summary>Consecutive metric columns packed into blocks of at most <paramref name="room"/> columns (a column
    /// wider than the room alone is cut to it); one empty block when there is no metric, so the cells still print.</summary>
    private static IEnumerable<List<Column>> Blocks(List<Column> columns, int room)
    {
        var block = new List<Column>();
        var used = 0;
        foreach (var column in columns.Select(c => c.CutTo(Math.Max(room - Gap.Length, 1))))
        {
            if (block.Count > 0 && used + Gap.Length + column.Width > room)
            {
                yield return block;
                (block, used) = ([], 0);
            }

            block.Add(column);
            used += Gap.Length + column.Width;
        }

        yield return block;
    }

    private static IEnumerable<string> Render(IReadOnlyList<Column> columns, int rows)
    {
        yield return string.Join(Gap, columns.Select(c => c.Pad(c.Header))).TrimEnd();
        for (var r = 0; r < rows; r++) yield return string.Join(Gap, columns.Select(c => c.Pad(c.Values[r]))).TrimEnd();
    }

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..Math.Max(width - 1, 0)] + "\u2026";

    /// <summary>A column of the summary: header and one value per cell, made safe to print (<see cref="TerminalText"/>).</summary>
    private sealed record Column(string Header, IReadOnlyList<string> Values, bool RightAligned)
    {
        public string Header { get; } = TerminalText.Visible(Header);

        public IReadOnlyList<string> Values { get; } = Values.Select(TerminalText.Visible).ToList();

        public int Width => Values.Append(Header).Max(v => v.Length);

        public Column CutTo(int width) => Width <= width ? this : new Column(Cut(Header, width), Values.Select(v => Cut(v, width)).ToList(), RightAligned);

        public string Pad(string text) => RightAligned ? text.PadLeft(Width) : text.PadRight(Width);
    }
}
