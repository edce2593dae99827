using System.Globalization;
using SkiaSharp;

namespace Harness.Reporting.Figures;

/// <summary>
/// Draws a <see cref="HeatmapSpec"/> as text: per target a heading, then one row per attributor with its name on the left
/// and the example's sources written left to right as they read, spaces kept, wrapping at the figure's width, each on
/// its colour from the figure's one scale; the colour bar sits under the title, attributors without an attribution of
/// the example are listed at the end.
/// </summary>
internal static class HeatmapPainter
{
    public const int Width = 1100;
    private const int Margin = 16;
    private const int TitleHeight = 30;
    private const int ScaleHeight = 44;
    private const int LineHeight = 20;
    private const int RowGap = 6;
    private const int TargetGap = 14;
    private const float TextSize = 13;
    private const float SmallSize = 11;

    public static int Height(HeatmapSpec heatmap) => (int)Math.Ceiling(Layout(null, heatmap));

    public static void Draw(SKCanvas canvas, HeatmapSpec heatmap) => Layout(canvas, heatmap);

    /// <summary>Lays the figure out from the top, drawing when a canvas is given; returns the height used.</summary>
    private static float Layout(SKCanvas? canvas, HeatmapSpec heatmap)
    {
        using var bold = new SKFont(FigureFonts.Typeface(bold: true), TextSize + 2);
        using var text = new SKFont(FigureFonts.Typeface(), TextSize);
        using var small = new SKFont(FigureFonts.Typeface(), SmallSize);
        using var paint = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        canvas?.DrawText(heatmap.Title, Margin, TitleHeight - 10, SKTextAlign.Left, bold, paint);
        var y = (float)TitleHeight;
        if (canvas is not null) ColourBar(canvas, heatmap.Scale, y, small, paint);
        y += ScaleHeight;
        var names = heatmap.Targets.SelectMany(t => t.Rows).Select(r => r.Attributor).Distinct().ToList();
        var nameWidth = names.Select(n => text.MeasureText(n)).DefaultIfEmpty(0).Max() + 14;
        var left = Margin + nameWidth;
        foreach (var target in heatmap.Targets)
        {
            var confidence = double.IsFinite(target.Confidence) ? $", p(target) = {target.Confidence.ToString("F3", CultureInfo.InvariantCulture)}" : "";
            paint.Color = SKColors.Black;
            canvas?.DrawText($"Target \u201c{Visible(target.Text)}\u201d (step {target.Step}{confidence})", Margin, y + TextSize + 2, SKTextAlign.Left, bold, paint);
            y += LineHeight + 6;
            var sources = HeatmapSpec.ScoredSources(target);
            foreach (var row in target.Rows)
            {
                paint.Color = SKColors.Black;
                canvas?.DrawText(row.Attributor, Margin, y + TextSize + 1, SKTextAlign.Left, text, paint);
                y = Tokens(canvas, heatmap, row, sources, heatmap.Sources, left, y, text, paint) + RowGap;
            }

            y += TargetGap;
        }

        if (heatmap.Missing.Count > 0)
        {
            paint.Color = SKColors.DimGray;
            foreach (var (attributor, reason) in heatmap.Missing)
            {
                canvas?.DrawText($"{attributor}: n/a ({reason})", Margin, y + SmallSize + 2, SKTextAlign.Left, small, paint);
                y += LineHeight - 4;
            }
        }

        return y + Margin;
    }

    /// <summary>One row's sources as flowing text from <paramref name="left"/>; returns the y below its last line.</summary>
    private static float Tokens(
        SKCanvas? canvas, HeatmapSpec heatmap, HeatmapSpec.Row row, IReadOnlyList<int> sources, IReadOnlyList<string> texts,
        float left, float top, SKFont font, SKPaint paint)
    {
        var (x, y) = (left, top);
        foreach (var i in sources)
        {
            var token = i < texts.Count ? texts[i] : $"source {i}";
            var breaks = token.EndsWith('\n');
            var shown = token.Replace("\n", "\u21b5", StringComparison.Ordinal);
            var width = Math.Max(font.MeasureText(shown), 3);
            if (x + width > Width - Margin && x > left) (x, y) = (left, y + LineHeight);
            var share = i < row.Shares.Count ? row.Shares[i] : double.NaN;
            if (canvas is not null)
            {
                paint.Color = SKColor.Parse(heatmap.Scale.Colour(share));
                canvas.DrawRect(x, y + 1, width, LineHeight - 2, paint);
                // SVG collapses leading spaces, so text starts after them instead of carrying them.
                var trimmed = shown.TrimStart();
                paint.Color = SKColor.Parse(heatmap.Scale.TextColour(share));
                canvas.DrawText(trimmed, x + font.MeasureText(shown[..^trimmed.Length]), y + TextSize + 1, SKTextAlign.Left, font, paint);
            }

            x += width;
            if (breaks) (x, y) = (left, y + LineHeight);
        }

        return y + LineHeight;
    }

    private static void ColourBar(SKCanvas canvas, HeatmapScale scale, float top, SKFont font, SKPaint paint)
    {
        const float barLeft = Margin + 330, barWidth = 260, barHeight = 12;
        paint.Color = SKColors.Black;
        canvas.DrawText("Colour: score / sum of the row's |scores|", Margin, top + barHeight, SKTextAlign.Left, font, paint);
        var stops = scale.Stops(32);
        using var shader = SKShader.CreateLinearGradient(new SKPoint(barLeft, 0), new SKPoint(barLeft + barWidth, 0),
            stops.Select(s => SKColor.Parse(s.Colour)).ToArray(), stops.Select((_, i) => i / (float)(stops.Count - 1)).ToArray(), SKShaderTileMode.Clamp);
        using var fill = new SKPaint { Shader = shader };
        canvas.DrawRect(barLeft, top + 2, barWidth, barHeight, fill);
        using var outline = new SKPaint { Style = SKPaintStyle.Stroke, Color = SKColors.Gray, StrokeWidth = 0.5f };
        canvas.DrawRect(barLeft, top + 2, barWidth, barHeight, outline);
        foreach (var tick in scale.Ticks)
        {
            var x = barLeft + (float)((tick - scale.Min) / (scale.Max - scale.Min)) * barWidth;
            canvas.DrawText(tick.ToString("0.###", CultureInfo.InvariantCulture), x, top + barHeight + 16, SKTextAlign.Center, font, paint);
        }
    }

    private static string Visible(string text) => text.Replace("\n", "\u21b5", StringComparison.Ordinal);
}
