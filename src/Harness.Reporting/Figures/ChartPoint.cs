namespace Harness.Reporting.Figures;

/// <summary>One plotted value of a series: <see cref="X"/> (NaN on bar charts, whose category is the series),
/// <see cref="Y"/> and its 95% interval (NaN bounds: the figure has no interval for it).</summary>
internal sealed record ChartPoint(string Series, double X, double Y, double Lower = double.NaN, double Upper = double.NaN)
{
    public bool HasInterval => double.IsFinite(Lower) && double.IsFinite(Upper);
}
