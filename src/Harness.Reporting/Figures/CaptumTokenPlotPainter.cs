using System.Globalization;
using SkiaSharp;

namespace Harness.Reporting.Figures;

/// <summary>
/// Draws a <see cref="CaptumTokenPlotSpec"/> as Captum's plot_token_attr draws each plot, the panels stacked under one row
/// of source labels (every panel has the same sources): the labels rotated 30 degrees and ending at their column, per
/// panel its attributor and target labels to the left, each cell on its colour with its value in black or white as
/// Captum chooses, and the panel's own colour scale to the right (a bar from -max to +max: each panel has its own).
/// Stacking keeps a run of many attributors readable in one page's height. Attributors without an attribution of the
/// example are listed at the end.
/// </summary>
internal static class CaptumTokenPlotPainter
{
    private const int Margin = 16;
    private const int TitleHeight = 30;
    private const int CellHeight = 26;
    private const int MinCellWidth = 60;
    private const int PanelGap = 10;
    private const int BarGap = 16;
    private const int BarLength = 130;
    private const int BarHeight = 9;
    private const int BarArea = BarGap + BarLength;
    private const float TextSize = 12;
    private const float SmallSize = 10;
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
        using var name = new SKFont(FigureFonts.Typeface(bold: true), TextSize);
        using var text = new SKFont(FigureFonts.Typeface(), TextSize);
        using var small = new SKFont(FigureFonts.Typeface(), SmallSize);
        using var paint = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        using var frame = new SKPaint { Style = SKPaintStyle.Stroke, Color = SKColors.Black, StrokeWidth = 0.8f, IsAntialias = true };
        canvas?.DrawText(plot.Title, Margin, TitleHeight - 10, SKTextAlign.Left, bold, paint);

        var cellTexts = plot.Panels.SelectMany(p => Enumerable.Range(0, p.Scores.Count).SelectMany(r => Enumerable.Range(0, plot.Sources.Count).Select(c => p.At(r, c).Text)));
        var cellWidth = Math.Max(MinCellWidth, cellTexts.Select(t => text.MeasureText(t)).DefaultIfEmpty(0).Max() + 12);
        var labels = plot.SourceLabels;
        var labelWidths = labels.Select(l => text.MeasureText(l)).ToList();
        var sourceLabels = labelWidths.DefaultIfEmpty(0).Max();
        var names = plot.Panels.Select(p => name.MeasureText(p.Attributor)).DefaultIfEmpty(0).Max();
        var targets = plot.Panels.SelectMany(p => p.TargetLabels).Select(l => text.MeasureText(l)).DefaultIfEmpty(0).Max();
        // A rotated label reaches left of its column's centre by its width times cos 30 degrees.
        var reach = labelWidths.Select((w, j) => w * Cos - (j + 0.5f) * cellWidth).DefaultIfEmpty(0).Max();
        var left = Margin + Math.Max(names + 14 + targets + 8, reach);
        var right = left + plot.Sources.Count * cellWidth;
        var y = TitleHeight + sourceLabels * Sin + TextSize + 8;
        if (canvas is not null)
        {
            SourceLabels(canvas, labels, left, y - 6, cellWidth, text, paint);
            canvas.DrawText("Token Attribution", right + BarGap + BarLength / 2f, y - 6, SKTextAlign.Center, small, paint);
        }

        foreach (var panel in plot.Panels)
        {
            if (canvas is not null) DrawPanel(canvas, plot, panel, left, y, cellWidth, name, text, small, paint, frame);
            y += panel.Scores.Count * CellHeight + PanelGap;
        }

        var width = Math.Max(right + BarArea + Margin, Margin * 2 + bold.MeasureText(plot.Title));
        paint.Color = SKColors.DimGray;
        foreach (var line in plot.Missing.Select(m => $"{m.Key}: n/a ({m.Value})"))
        {
            canvas?.DrawText(line, Margin, y + SmallSize + 4, SKTextAlign.Left, small, paint);
            width = Math.Max(width, Margin * 2 + small.MeasureText(line));
            y += 16;
        }

        return (Math.Max(width, 400), y + Margin);
    }

    /// <summary>rotation=-30 (clockwise), ha="right", labels on top: each label ends at its column and rises to the left.</summary>
    private static void SourceLabels(SKCanvas canvas, IReadOnlyList<string> labels, float left, float baseline, float cellWidth, SKFont text, SKPaint paint)
    {
        for (var column = 0; column < labels.Count; column++)
        {
            canvas.Save();
            canvas.Translate(left + (column + 0.5f) * cellWidth, baseline);
            canvas.RotateDegrees(30);
            canvas.DrawText(labels[column], 0, 0, SKTextAlign.Right, text, paint);
            canvas.Restore();
        }
    }

    private static void DrawPanel(
        SKCanvas canvas, CaptumTokenPlotSpec plot, CaptumTokenPlotSpec.Panel panel, float left, float top, float cellWidth,
        SKFont name, SKFont text, SKFont small, SKPaint paint, SKPaint frame)
    {
        var middle = CellHeight / 2f + TextSize / 3;
        paint.Color = SKColors.Black;
        canvas.DrawText(panel.Attributor, Margin, top + middle, SKTextAlign.Left, name, paint);
        for (var row = 0; row < panel.Scores.Count; row++)
        {
            var cellTop = top + row * CellHeight;
            paint.Color = SKColors.Black;
            canvas.DrawText(panel.TargetLabels[row], left - 8, cellTop + middle, SKTextAlign.Right, text, paint);
            for (var column = 0; column < plot.Sources.Count; column++)
            {
                var cell = panel.At(row, column);
                if (cell.Colour is null) continue;
                var x = left + column * cellWidth;
                paint.Color = SKColor.Parse(cell.Colour);
                canvas.DrawRect(x, cellTop, cellWidth, CellHeight, paint);
                paint.Color = SKColor.Parse(cell.TextColour);
                canvas.DrawText(cell.Text, x + cellWidth / 2, cellTop + middle, SKTextAlign.Center, text, paint);
            }
        }

        canvas.DrawRect(left, top, plot.Sources.Count * cellWidth, panel.Scores.Count * CellHeight, frame);
        ColourBar(canvas, panel.Range, left + plot.Sources.Count * cellWidth + BarGap, top + 3, small, paint, frame);
    }

    /// <summary>The panel's colour scale as a horizontal bar from its range's minimum (left) to maximum (right), both ends
    /// labelled under it, and 0 in the middle where the end labels leave room.</summary>
    private static void ColourBar(SKCanvas canvas, (double Min, double Max) range, float x, float top, SKFont font, SKPaint paint, SKPaint frame)
    {
        const int steps = 55;
        for (var i = 0; i < steps; i++)
        {
            var value = range.Min + (range.Max - range.Min) * (i + 0.5) / steps;
            paint.Color = SKColor.Parse(CaptumColours.Hex(CaptumColours.Normalise(value, range)));
            canvas.DrawRect(x + BarLength * i / (float)steps, top, BarLength / (float)steps + 0.5f, BarHeight, paint);
        }

        canvas.DrawRect(x, top, BarLength, BarHeight, frame);
        paint.Color = SKColors.Black;
        var below = top + BarHeight + SmallSize + 1;
        var (min, max) = (range.Min.ToString("G4", CultureInfo.InvariantCulture), range.Max.ToString("G4", CultureInfo.InvariantCulture));
        canvas.DrawText(min, x, below, SKTextAlign.Left, font, paint);
        canvas.DrawText(max, x + BarLength, below, SKTextAlign.Right, font, paint);
        var room = BarLength / 2f - Math.Max(font.MeasureText(min), font.MeasureText(max)) - 4;
        if (font.MeasureText("0") / 2 < room) canvas.DrawText("0", x + BarLength / 2f, below, SKTextAlign.Center, font, paint);
    }
}
