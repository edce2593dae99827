using System.Globalization;

namespace Harness.Reporting.Tables;

/// <summary>The caption's closing sentences every paper table carries (issue 24, item 3): how many examples its
/// entries rest on, what bold means (<see cref="ColumnBest"/>), and, when an entry has one, what the dagger means.</summary>
public static class StatisticsCaption
{
    /// <summary>The closing sentences for <paramref name="table"/>.</summary>
    public static string For(ResultTable table)
    {
        var entries = table.Rows.SelectMany(r => r.Values).OfType<TableValue>().Where(v => double.IsFinite(v.Estimate)).ToList();
        var sentences = new List<string>();
        if (entries.Count > 0)
        {
            var (fewest, most) = (entries.Min(v => v.Examples), entries.Max(v => v.Examples));
            var n = fewest == most ? Count(most) : $"{Count(fewest)} to {Count(most)}";
            sentences.Add($"n = {n} examples per entry (the seeds and generated positions of an example count once).");
        }

        var comparisons = table.Comparisons;
        sentences.Add(comparisons == 0
            ? "No entry is bold: no column has two entries to compare."
            : $"Bold: the column's best, where a two-sided paired permutation test against the runner-up (paired by example) " +
              $"gives p < {Count(ColumnBest.Alpha)} after Holm correction over the table's {Count(comparisons)} comparison{(comparisons == 1 ? "" : "s")}.");
        if (entries.Any(v => v.IntervalUnreliable))
            sentences.Add($"{TableValue.UnreliableMark} Interval from fewer than {TableValue.ReliableExamples} examples: unreliable.");
        return string.Join(" ", sentences);
    }

    private static string Count(double value) => value.ToString(CultureInfo.InvariantCulture);
}
