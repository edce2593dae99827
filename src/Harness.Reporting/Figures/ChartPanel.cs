namespace Harness.Reporting.Figures;

/// <summary>
/// One panel of a chart: a model (the grid's column) and a metric (its row), the value axis's title, the points, and
/// for each series of the figure without a point here the reason (<see cref="MissingReason"/>).
/// </summary>
internal sealed record ChartPanel(
    string Model, string Metric, string ValueTitle, IReadOnlyList<ChartPoint> Points, IReadOnlyDictionary<string, string> Missing);
