using Harness.Reporting.Tables;

namespace Harness.Reporting.Figures;

/// <summary>
/// Horizontal bars with 95% interval whiskers: one panel per model (columns) and metric (rows), one bar per attributor,
/// named on the axis so no label is rotated; as ReAGent's Figs. 2 and 3 (Soft-NS/NC log ratios) and AT2's Fig. 4 (LDS,
/// top-k drop). Built from a paper table: a column's group is the model, its header the metric; an empty entry is an
/// attributor without a value, drawn as "n/a (reason)" in its row.
/// </summary>
internal static class GroupedBarFigure
{
    /// <param name="reason">(model, attributor) -> why the table has no entry for it.</param>
    public static ChartSpec FromTable(
        ResultTable table, string id, string title, string? dataset, AttributorStyles styles, Func<string, string, string> reason)
    {
        var points = new List<ChartLayout.PanelPoint>();
        for (var r = 0; r < table.Rows.Count; r++)
        for (var c = 0; c < table.Columns.Count; c++)
            if (table.Rows[r].Values[c] is { } value && double.IsFinite(value.Estimate))
                points.Add(new ChartLayout.PanelPoint(table.Columns[c].Group, table.Columns[c].Header,
                    new ChartPoint(table.Rows[r].Label, double.NaN, value.Estimate, value.Lower, value.Upper)));

        var series = table.Rows.Select(r => r.Label).ToList();
        var panels = ChartLayout.Panels(
            table.Columns.Select(c => c.Group).Distinct().ToList(), table.Columns.Select(c => c.Header).Distinct().ToList(), series,
            header => AxisTitles.TableColumn(table.Id, header), points, (model, _, attributor) => reason(model, attributor));
        return new ChartSpec(id, title, FigureKind.GroupedBars, dataset, ChartAxisKind.Categories, "", panels, ChartLayout.Legend(series, panels, styles));
    }
}
