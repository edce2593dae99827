using Harness.Evaluation.Statistics;
using Harness.Reporting.Results;

namespace Harness.Reporting.Tables;

/// <summary>The layout every paper table shares: attributors as rows, each model a group of columns.</summary>
internal static class TableLayout
{
    public static ResultTable Build(
        string id, string title, string caption, IReadOnlyList<string> models, IReadOnlyList<string> attributors, IReadOnlyList<ColumnSpec> columns)
    {
        var tableColumns = models.SelectMany(m => columns.Select(c => new TableColumn(m, c.Header, c.Best, c.Digits))).ToList();
        var rows = attributors
            .Select(a => new TableRow(a, models.SelectMany(m => columns.Select(c => c.Entry(m, a))).ToList()))
            .ToList();
        var table = new ResultTable(id, title, caption, "Attributor", tableColumns, rows);
        return table with { Caption = $"{caption} {StatisticsCaption.For(table)}" };
    }

    /// <summary>The datasets where some cell holds a value of the metric labelled <paramref name="label"/>: the columns of a
    /// table over datasets.</summary>
    public static IReadOnlyList<string> DatasetsWithValues(RunResults run, string label) =>
        run.DatasetNames
            .Where(d => run.ModelNames.Any(m => run.Cells.Where(c => c.Dataset == d).Select(c => c.Attributor).Distinct()
                .Any(a => MetricSamples.Values(run, m, d, a, label, AggregationLevel.Token).Count > 0)))
            .ToList();

    /// <summary>Attributors of the run with the random baseline last (a reference row for raw values).</summary>
    public static IReadOnlyList<string> WithRandom(RunResults run) =>
        run.Cells.Any(c => c.Attributor == RunResults.RandomLabel) ? [.. run.AttributorLabels, RunResults.RandomLabel] : run.AttributorLabels;

    /// <summary>A mean entry, or null when the cell has no finite value.</summary>
    public static TableValue? Mean(IReadOnlyDictionary<string, double> values) =>
        values.Values.Any(double.IsFinite) ? Entry(MetricSamples.Mean(values), values) : null;

    /// <summary>An entry from its interval and the units it rests on (their finite values), which give its n and pair it for the bold test.</summary>
    public static TableValue Entry(ConfidenceInterval interval, IReadOnlyDictionary<string, double> units)
    {
        var finite = units.Where(kv => double.IsFinite(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return TableValue.From(interval) with
        {
            Examples = finite.Keys.Select(MetricSamples.ExampleOf).Distinct(StringComparer.Ordinal).Count(),
            Units = finite,
        };
    }

    /// <summary>File-name-safe form of a dataset name for table ids.</summary>
    public static string Slug(string text) => new(text.Select(ch => char.IsAsciiLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : '_').ToArray());
}
