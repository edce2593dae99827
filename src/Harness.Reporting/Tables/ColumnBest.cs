using Harness.Evaluation.Statistics;
using Harness.Reporting.Results;

namespace Harness.Reporting.Tables;

/// <summary>
/// Whether a column's best entry is bold (issue 24, item 3). The best estimate (in the column's direction) is
/// compared with the runner-up by a two-sided paired permutation test (<see cref="PermutationTest"/>) over the
/// examples both have, each example's value its mean over its units (seeds, generated positions), since the
/// positions of one prompt are not independent draws. The p-values of all the table's comparisons are
/// Holm-corrected (<see cref="HolmCorrection"/>), and the best is bold when its adjusted p &lt; 0.05 and it is
/// also ahead on the paired examples.
/// </summary>
/// <param name="Row">The best entry's row; null when the column marks no best (<see cref="BestDirection.None"/>) or has no value.</param>
/// <param name="RunnerUp">The second-best entry's row; null with fewer than two values.</param>
/// <param name="Test">Best against runner-up; null without a runner-up or an example both have.</param>
/// <param name="AdjustedP">The test's p after Holm's correction over the table; NaN without a test.</param>
public sealed record ColumnBest(int? Row, int? RunnerUp, PermutationTest.Result? Test, double AdjustedP, bool Marked)
{
    /// <summary>Source: issue 24, item 3 (p &lt; 0.05 after Holm correction over the table).</summary>
    public const double Alpha = 0.05;

    /// <summary>One per column of a table, the Holm correction taken over every comparison the table makes.</summary>
    public static IReadOnlyList<ColumnBest> Of(IReadOnlyList<TableColumn> columns, IReadOnlyList<TableRow> rows)
    {
        var ranked = columns.Select((column, c) => Ranked(column.Best, rows.Select(r => r.Values[c]).ToList())).ToList();
        var tests = ranked.Select((r, c) => r.Count >= 2 ? Compare(rows[r[0]].Values[c]!, rows[r[1]].Values[c]!) : null).ToList();
        var adjusted = HolmCorrection.Adjust(tests.Select(t => t?.PValue ?? double.NaN).ToList());
        return columns.Select((column, c) =>
        {
            var (row, runnerUp, test) = (ranked[c].Count > 0 ? ranked[c][0] : (int?)null, ranked[c].Count > 1 ? ranked[c][1] : (int?)null, tests[c]);
            var ahead = test is not null && (column.Best == BestDirection.Higher ? test.MeanDifference > 0 : test.MeanDifference < 0);
            return new ColumnBest(row, runnerUp, test, adjusted[c], ahead && adjusted[c] < Alpha);
        }).ToList();
    }

    /// <summary>Rows with a finite estimate, best first (ties keep row order); none when the column marks no best.</summary>
    private static List<int> Ranked(BestDirection direction, IReadOnlyList<TableValue?> values)
    {
        if (direction == BestDirection.None) return [];
        var finite = Enumerable.Range(0, values.Count).Where(r => values[r] is { } v && double.IsFinite(v.Estimate));
        return (direction == BestDirection.Higher ? finite.OrderByDescending(r => values[r]!.Estimate) : finite.OrderBy(r => values[r]!.Estimate)).ToList();
    }

    /// <summary>The test on the examples both entries have, each side an example's mean over the units both have.</summary>
    private static PermutationTest.Result? Compare(TableValue best, TableValue runnerUp)
    {
        var examples = best.Units.Keys.Where(runnerUp.Units.ContainsKey)
            .GroupBy(MetricSamples.ExampleOf, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (examples.Count == 0) return null;
        var pairs = new PairedValues(examples.Select(g => g.Average(k => best.Units[k])).ToArray(), examples.Select(g => g.Average(k => runnerUp.Units[k])).ToArray());
        return PermutationTest.Run(pairs, MetricSamples.BootstrapSeed);
    }
}
