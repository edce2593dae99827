using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace Harness.Reporting.Figures;

/// <summary>
/// Draws a <see cref="ChartSpec"/> with ScottPlot 5: the title once at the top, one ScottPlot panel per model (columns)
/// and metric (rows), and the legend on the right. Curves get their interval as a translucent band (or whiskers where a
/// series has one point), cost points and bars get whiskers; bars run horizontally with the attributors named on the
/// vertical axis and "n/a" in the row of one without a value. Line patterns are not used: SkiaSharp's SVG canvas drops
/// dashes, so colour and marker carry a series.
/// </summary>
internal static class ChartPainter
{
    private const int TitleHeight = 34;
    private const int PanelWidth = 380;
    private const int CurveHeight = 280;
    private const int BarRowHeight = 20;
    private const int BarPanelChrome = 110;
    private const int LegendMargin = 12;
    private const int TitleMargin = 16;
    private const float TitleSize = 15;
    private const float LabelSize = 12;
    private const float TickSize = 11;
    private const float MarkerSize = 7;

    /// <summary>The drawing's size in CSS pixels.</summary>
    public static (int Width, int Height) Size(ChartSpec chart)
    {
        var (columns, rows) = GridSize(chart);
        var grid = (Width: PanelWidth * columns, Height: PanelHeight(chart) * rows);
        var legend = LegendSize(chart);
        using var font = TitleFont();
        var title = (int)Math.Ceiling(font.MeasureText(Title(chart))) + 2 * TitleMargin;
        return (Math.Max(grid.Width + legend.Width, title), TitleHeight + Math.Max(grid.Height, legend.Height));
    }

    public static void Draw(SKCanvas canvas, ChartSpec chart)
    {
        var (width, _) = Size(chart);
        DrawTitle(canvas, Title(chart), width);
        var height = PanelHeight(chart);
        var severalModels = chart.Models.Count > 1;
        foreach (var panel in chart.Panels)
        {
            var (column, row) = Place(chart, panel);
            var left = column * PanelWidth;
            var top = TitleHeight + row * height;
            using var plot = Panel(chart, panel, titled: severalModels && row == 0);
            Render(canvas, plot, new PixelRect(left, left + PanelWidth, top + height, top));
        }

        var (legendWidth, legendHeight) = LegendSize(chart);
        if (legendWidth == 0) return;
        var legendLeft = PanelWidth * GridSize(chart).Columns;
        using var legend = Legend(chart);
        using var paint = Paint.NewDisposablePaint();
        legend.Legend.Render(canvas, paint, new PixelRect(legendLeft, legendLeft + legendWidth, TitleHeight + legendHeight, TitleHeight), Alignment.UpperLeft);
    }

    /// <summary>Source: our choice; three 380-pixel panels and a legend fit the report's 1,240-pixel column.</summary>
    private const int MaxColumns = 3;

    /// <summary>Several models: a column per model, a row per metric, the model named once above its column. One model:
    /// its metrics side by side, wrapping after <see cref="MaxColumns"/>, and the model named in the title.</summary>
    private static (int Column, int Row) Place(ChartSpec chart, ChartPanel panel)
    {
        var metric = chart.Metrics.ToList().IndexOf(panel.Metric);
        return chart.Models.Count > 1 ? (chart.Models.ToList().IndexOf(panel.Model), metric) : (metric % MaxColumns, metric / MaxColumns);
    }

    private static (int Columns, int Rows) GridSize(ChartSpec chart)
    {
        var (models, metrics) = (chart.Models.Count, chart.Metrics.Count);
        return models > 1 ? (models, metrics) : (Math.Min(metrics, MaxColumns), (metrics + MaxColumns - 1) / MaxColumns);
    }

    private static string Title(ChartSpec chart) => chart.Models.Count == 1 ? $"{chart.Title} ({chart.Models[0]})" : chart.Title;

    private static int PanelHeight(ChartSpec chart) =>
        chart.Kind == FigureKind.GroupedBars ? Math.Max(CurveHeight - 40, BarPanelChrome + BarRowHeight * chart.Legend.Count) : CurveHeight;

    /// <summary>ScottPlot clears what it draws on, so each plot gets its own clipped region.</summary>
    private static void Render(SKCanvas canvas, Plot plot, PixelRect rect)
    {
        canvas.Save();
        canvas.ClipRect(rect.ToSKRect());
        plot.Render(canvas, rect);
        canvas.Restore();
    }

    private static SKFont TitleFont() => new(FigureFonts.Typeface(bold: true), TitleSize);

    private static void DrawTitle(SKCanvas canvas, string title, int width)
    {
        using var font = TitleFont();
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(title, width / 2f, TitleHeight - 11, SKTextAlign.Center, font, paint);
    }

    /// <param name="titled">Whether the panel names its model (only the top row does, see <see cref="Place"/>).</param>
    private static Plot Panel(ChartSpec chart, ChartPanel panel, bool titled)
    {
        var plot = new Plot();
        plot.Font.Set(FigureFonts.Family);
        if (titled)
        {
            plot.Title(panel.Model, LabelSize + 1);
            plot.Axes.Title.Label.Bold = false;
        }

        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.Label.FontSize = LabelSize;
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontSize = TickSize;
        }

        var styles = chart.Legend.ToDictionary(l => l.Series, l => l.Style, StringComparer.Ordinal);
        switch (chart.XAxis)
        {
            case ChartAxisKind.Categories:
                Bars(plot, chart, panel, styles);
                break;
            case ChartAxisKind.Log:
                Points(plot, panel, styles);
                break;
            default:
                Curves(plot, panel, styles);
                break;
        }

        if (chart.XAxis != ChartAxisKind.Categories)
        {
            plot.XLabel(chart.XTitle);
            plot.YLabel(panel.ValueTitle);
            if (AxisTicks.AllIntegers(panel.Points.SelectMany(p => new[] { p.Y, p.Lower, p.Upper })))
                plot.Axes.Left.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        }

        return plot;
    }

    private static void Curves(Plot plot, ChartPanel panel, IReadOnlyDictionary<string, SeriesStyle> styles)
    {
        // Overlapping bands add up: the more series, the fainter each, so the lines stay readable on top.
        var bandOpacity = Math.Clamp(0.5 / Math.Max(1, panel.Points.Select(p => p.Series).Distinct().Count()), 0.04, 0.15);
        foreach (var series in panel.Points.GroupBy(p => p.Series))
        {
            var points = series.OrderBy(p => p.X).ToList();
            var colour = Color.FromHex(styles[series.Key].Colour);
            var xs = points.Select(p => p.X).ToArray();
            if (points.Count > 1 && points.All(p => p.HasInterval))
            {
                var band = plot.Add.FillY(xs, points.Select(p => p.Lower).ToArray(), points.Select(p => p.Upper).ToArray());
                band.FillColor = colour.WithAlpha(bandOpacity);
                band.LineWidth = 0;
            }
            else
            {
                Whiskers(plot, points.Where(p => p.HasInterval).ToList(), colour, vertical: true);
            }

            var line = plot.Add.Scatter(xs, points.Select(p => p.Y).ToArray());
            Style(line, styles[series.Key], colour);
            line.LineWidth = 1.5f;
        }

        var allX = panel.Points.Select(p => p.X).ToList();
        if (AxisTicks.AtValues(allX) is { } ticks)
        {
            plot.Axes.Bottom.TickGenerator = new NumericManual(ticks.Select(t => t.Position).ToArray(), ticks.Select(t => t.Label).ToArray());
            var (min, max) = (ticks[0].Position, ticks[^1].Position);
            var pad = max > min ? (max - min) * 0.05 : 0.5;
            plot.Axes.SetLimitsX(min - pad, max + pad);
        }
        else if (AxisTicks.AllIntegers(allX))
        {
            plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        }
    }

    /// <summary>Cost against faithfulness: markers only, x on a log10 scale drawn as log10 of the value with value labels.</summary>
    private static void Points(Plot plot, ChartPanel panel, IReadOnlyDictionary<string, SeriesStyle> styles)
    {
        // A mean wall time of 0 ms (a clock too coarse) cannot be placed on a log axis; it sits at the lowest tick.
        static double Positive(double ms) => Math.Max(ms, 1e-3);
        foreach (var point in panel.Points)
        {
            var colour = Color.FromHex(styles[point.Series].Colour);
            var x = Math.Log10(Positive(point.X));
            Whiskers(plot, point.HasInterval ? [point with { X = x }] : [], colour, vertical: true);
            var marker = plot.Add.Scatter(new[] { x }, new[] { point.Y });
            Style(marker, styles[point.Series], colour);
            marker.LineWidth = 0;
        }

        if (panel.Points.Count == 0) return;
        var ticks = AxisTicks.Log(panel.Points.Min(p => Positive(p.X)), panel.Points.Max(p => Positive(p.X)));
        plot.Axes.Bottom.TickGenerator = new NumericManual(ticks.Select(t => t.Position).ToArray(), ticks.Select(t => t.Label).ToArray());
        var pad = (ticks[^1].Position - ticks[0].Position) * 0.04;
        plot.Axes.SetLimitsX(ticks[0].Position - pad, ticks[^1].Position + pad);
    }

    /// <summary>Horizontal bars, the first attributor on top; an attributor without a value gets "n/a" in its row.</summary>
    private static void Bars(Plot plot, ChartSpec chart, ChartPanel panel, IReadOnlyDictionary<string, SeriesStyle> styles)
    {
        var series = chart.Legend.Select(l => l.Series).ToList();
        var bars = new List<Bar>();
        var lower = 0.0;
        var upper = 0.0;
        for (var i = 0; i < series.Count; i++)
        {
            var position = series.Count - 1 - i;
            var point = panel.Points.FirstOrDefault(p => p.Series == series[i]);
            if (point is null) continue;
            var colour = Color.FromHex(styles[series[i]].Colour);
            bars.Add(new Bar { Position = position, Value = point.Y, FillColor = colour, Orientation = Orientation.Horizontal, Size = 0.7, LineWidth = 0 });
            Whiskers(plot, point.HasInterval ? [point with { X = position }] : [], Colors.Black, vertical: false);
            lower = Math.Min(lower, point.HasInterval ? point.Lower : point.Y);
            upper = Math.Max(upper, point.HasInterval ? point.Upper : point.Y);
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        if (upper <= lower) upper = lower + 1;
        var pad = (upper - lower) * 0.05;
        for (var i = 0; i < series.Count; i++)
        {
            if (!panel.Missing.ContainsKey(series[i])) continue;
            var text = plot.Add.Text("n/a", lower, series.Count - 1 - i);
            text.LabelFontSize = TickSize;
            text.LabelFontColor = Colors.Gray;
            text.LabelAlignment = Alignment.MiddleLeft;
        }

        plot.Add.VerticalLine(0, 1, Colors.Gray);
        plot.Axes.Left.TickGenerator = new NumericManual(
            Enumerable.Range(0, series.Count).Select(i => (double)(series.Count - 1 - i)).ToArray(), series.ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(lower - pad, upper + pad, -0.6, series.Count - 0.4);
        plot.XLabel(panel.ValueTitle);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
    }

    /// <summary>95% interval whiskers around each point's Y: vertical at X, or horizontal at height X (bars, whose values run along the x axis).</summary>
    private static void Whiskers(Plot plot, IReadOnlyList<ChartPoint> points, Color colour, bool vertical)
    {
        if (points.Count == 0) return;
        var xs = points.Select(p => p.X).ToArray();
        var ys = points.Select(p => p.Y).ToArray();
        var above = points.Select(p => p.Upper - p.Y).ToArray();
        var below = points.Select(p => p.Y - p.Lower).ToArray();
        var none = new double[points.Count];
        var bars = vertical
            ? new ScottPlot.Plottables.ErrorBar(xs, ys, none, none, above, below)
            : new ScottPlot.Plottables.ErrorBar(ys, xs, above, below, none, none);
        bars.Color = colour;
        bars.LineWidth = 1.2f;
        bars.CapSize = 4;
        plot.Add.Plottable(bars);
    }

    private static void Style(ScottPlot.Plottables.Scatter scatter, SeriesStyle style, Color colour)
    {
        scatter.Color = colour;
        scatter.MarkerShape = style.Marker;
        scatter.MarkerSize = MarkerSize;
    }

    /// <summary>The entries a chart's legend shows: every series, except on bar charts, whose axis names the series: there only
    /// those without a value, so the reason is still given.</summary>
    private static IReadOnlyList<LegendEntry> LegendEntries(ChartSpec chart) =>
        chart.Kind == FigureKind.GroupedBars ? chart.Legend.Where(l => l.Missing is not null).ToList() : chart.Legend;

    /// <summary>A plot that only carries the legend's items (ScottPlot lays out and draws a legend through its plot).</summary>
    private static Plot Legend(ChartSpec chart)
    {
        var plot = new Plot();
        plot.Font.Set(FigureFonts.Family);
        foreach (var entry in LegendEntries(chart))
        {
            var colour = Color.FromHex(entry.Style.Colour);
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = entry.Label,
                LabelFontSize = LabelSize,
                LabelFontColor = entry.Missing is null ? Colors.Black : Colors.DimGray,
                LineColor = colour,
                LineWidth = chart.Kind == FigureKind.MetricCurve ? 1.5f : 0,
                MarkerShape = chart.Kind == FigureKind.GroupedBars ? MarkerShape.FilledSquare : entry.Style.Marker,
                MarkerSize = chart.Kind == FigureKind.GroupedBars ? 10 : MarkerSize,
                MarkerFillColor = colour,
                MarkerLineColor = colour,
            });
        }

        plot.Legend.OutlineWidth = 0;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.BackgroundColor = Colors.White;
        return plot;
    }

    /// <summary>The legend's size as ScottPlot lays it out, plus a margin; (0, 0) when it has no entries.</summary>
    private static (int Width, int Height) LegendSize(ChartSpec chart)
    {
        if (LegendEntries(chart).Count == 0) return (0, 0);
        using var plot = Legend(chart);
        using var paint = Paint.NewDisposablePaint();
        var rect = plot.Legend.GetLayout(new PixelSize(4000, 4000), paint).LegendRect;
        return ((int)Math.Ceiling(rect.Width) + LegendMargin, (int)Math.Ceiling(rect.Height) + LegendMargin);
    }
}
