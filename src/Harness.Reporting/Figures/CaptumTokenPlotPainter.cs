using System.Globalization;
using SkiaSharp;

namespace Harness.Reporting.Figures;

/// <summary>
/// Draws a <see cref="CaptumTokenPlotSpec"/> as Captum's plot_token_attr lays out each plot, one panel under the other:
/// the source labels above the grid rotated 30 degrees and ending at their column, the target labels to the left, each
/// cell on its colour with its value in black or white as Captum chooses, and the panel's colour bar ("Token
/// Attribution") to the right. Attributors without an attribution of the example are listed at the end.
/// </summary>
internal static class CaptumTokenPlotPainter
{
    private const int Margin = 16;
    private const int TitleHeight = 30;
    private const int HeadingHeight = 24;
    private const int CellHeight = 26;
    private const int MinCellWidth = 60;
    private const int BarGap = 16;
    private const int BarWidth = 14;
    private const int BarArea = BarGap + BarWidth + 90;
    private const int PanelGap = 18;
    private const float TextSize = 12;
    private const float SmallSize = 11;
    private static readonly float Sin = MathF.Sin(MathF.PI / 6), Cos = MathF.Cos(MathF.PI / 6);

    public static (int Width, int Height) Size(CaptumTokenPlotSpec plot)
    {
        var (width, height) = Layout(null, plot);
        return ((int)Math.Ceiling(width), (int)Math.Ceiling(height));
    }

    public static void Draw(SKCanvas canvas, CaptumTokenPlotSpec plot) => Layout(canvas, plot);

    /// <summary>Lays the figure out from the top, drawing when a canvas is given; returns the size used.</summary>
    private static (float Width, float Height) Layout(SKCanvas? canvas, CaptumTokenPlotSpec plot)
    {
        using var bold = new SKFont(FigureFonts.Typeface(bold: true), TextSize + 2);
        using var text = new SKFont(FigureFonts.Typeface(), TextSize);
        using var small = new SKFont(FigureFonts.Typeface(), SmallSize);
        using var paint = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        canvas?.DrawText(plot.Title, Margin, TitleHeight - 10, SKTextAlign.Left, bold, paint);
        var width = Margin * 2 + bold.MeasureText(plot.Title);
        var y = (float)TitleHeight;
        var cells = plot.Panels.SelectMany(p => Enumerable.Range(0, p.Scores.Count).SelectMany(r => Enumerable.Range(0, plot.Sources.Count).Select(c => p.At(r, c).Text)));
        var cellWidth = Math.Max(MinCellWidth, cells.Select(t => text.MeasureText(t)).DefaultIfEmpty(0).Max() + 12);
        var labels = plot.SourceLabels.Select(l => text.MeasureText(l)).DefaultIfEmpty(0).Max();
        foreach (var panel in plot.Panels)
        {
            var rowLabels = panel.TargetLabels.Select(l => text.MeasureText(l)).DefaultIfEmpty(0).Max();
            // The first column's rotated label reaches left of its column by its width times cos 30 degrees.
            var left = Math.Max(Margin + rowLabels + 10, Margin + labels * Cos - cellWidth / 2);
            var top = y + HeadingHeight + labels * Sin + TextSize + 8;
            var gridHeight = Math.Max(panel.Scores.Count * CellHeight, 3 * CellHeight);
            var right = left + plot.Sources.Count * cellWidth;
            if (canvas is not null) DrawPanel(canvas, plot, panel, y, left, top, cellWidth, gridHeight, text, small, bold, paint);
            width = Math.Max(width, right + BarArea + Margin);
            y = top + gridHeight + PanelGap;
        }

        if (plot.Missing.Count > 0)
        {
            paint.Color = SKColors.DimGray;
            foreach (var (attributor, reason) in plot.Missing)
            {
                canvas?.DrawText($"{attributor}: n/a ({reason})", Margin, y + SmallSize + 2, SKTextAlign.Left, small, paint);
                y += 16;
            }
        }

        return (Math.Max(width, 400), y + Margin);
    }

    private static void DrawPanel(
        SKCanvas canvas, CaptumTokenPlotSpec plot, CaptumTokenPlotSpec.Panel panel, float y, float left, float top, float cellWidth,
        float gridHeight, SKFont text, SKFont small, SKFont bold, SKPaint paint)
    {
        paint.Color = SKColors.Black;
        canvas.DrawText(panel.Attributor, Margin, y + HeadingHeight - 8, SKTextAlign.Left, bold, paint);
        for (var column = 0; column < plot.Sources.Count; column++)
        {
            // rotation=-30 (clockwise), ha="right", labels on top: each label ends at its column and rises to the left.
            canvas.Save();
            canvas.Translate(left + (column + 0.5f) * cellWidth, top - 6);
            canvas.RotateDegrees(30);
            canvas.DrawText(plot.SourceLabels[column], 0, 0, SKTextAlign.Right, text, paint);
            canvas.Restore();
        }

        for (var row = 0; row < panel.Scores.Count; row++)
        {
            var cellTop = top + row * CellHeight;
            paint.Color = SKColors.Black;
            canvas.DrawText(panel.TargetLabels[row], left - 8, cellTop + CellHeight / 2f + TextSize / 3, SKTextAlign.Right, text, paint);
            for (var column = 0; column < plot.Sources.Count; column++)
            {
                var cell = panel.At(row, column);
                if (cell.Colour is null) continue;
                var x = left + column * cellWidth;
                paint.Color = SKColor.Parse(cell.Colour);
                canvas.DrawRect(x, cellTop, cellWidth, CellHeight, paint);
                paint.Color = SKColor.Parse(cell.TextColour);
                canvas.DrawText(cell.Text, x + cellWidth / 2, cellTop + CellHeight / 2f + TextSize / 3, SKTextAlign.Center, text, paint);
            }
        }

        using var frame = new SKPaint { Style = SKPaintStyle.Stroke, Color = SKColors.Black, StrokeWidth = 0.8f, IsAntialias = true };
        canvas.DrawRect(left, top, plot.Sources.Count * cellWidth, panel.Scores.Count * CellHeight, frame);
        ColourBar(canvas, panel.Range, left + plot.Sources.Count * cellWidth + BarGap, top, gridHeight, small, paint, frame);
    }

    /// <summary>The panel's colour bar from its range's minimum (bottom) to maximum (top), with both ends and 0 marked.</summary>
    private static void ColourBar(SKCanvas canvas, (double Min, double Max) range, float x, float top, float height, SKFont font, SKPaint paint, SKPaint frame)
    {
        const int steps = 64;
        for (var i = 0; i < steps; i++)
        {
            var value = range.Max - (range.Max - range.Min) * (i + 0.5) / steps;
            paint.Color = SKColor.Parse(CaptumColours.Hex(CaptumColours.Normalise(value, range)));
            canvas.DrawRect(x, top + height * i / steps, BarWidth, height / steps + 0.5f, paint);
        }

        canvas.DrawRect(x, top, BarWidth, height, frame);
        paint.Color = SKColors.Black;
        foreach (var tick in new[] { range.Max, 0, range.Min })
        {
            var tickY = top + (float)((range.Max - tick) / (range.Max - range.Min)) * height;
            canvas.DrawLine(x + BarWidth, tickY, x + BarWidth + 4, tickY, frame);
            canvas.DrawText(tick.ToString("G4", CultureInfo.InvariantCulture), x + BarWidth + 6, tickY + SmallSize / 3, SKTextAlign.Left, font, paint);
        }

        canvas.Save();
        canvas.Translate(x + BarWidth + 70, top + height / 2);
        canvas.RotateDegrees(90);
        canvas.DrawText("Token Attribution", 0, 0, SKTextAlign.Center, font, paint);
        canvas.Restore();
    }
}
