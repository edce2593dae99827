using SkiaSharp;

namespace Harness.Reporting.Figures;

/// <summary>Writes one drawing as SVG (SkiaSharp's SVG canvas, at its size in CSS pixels) and as PNG at twice that size,
/// so text stays sharp in papers and on high-density screens. Both come from the same drawing code.</summary>
internal static class FigureFiles
{
    /// <summary>Source: our choice; twice the size keeps text sharp in papers and on high-density screens.</summary>
    public const int PngScale = 2;

    public static void Write(string svgPath, string pngPath, int width, int height, Action<SKCanvas> draw)
    {
        using (var stream = new SKFileWStream(svgPath))
        using (var svg = SKSvgCanvas.Create(SKRect.Create(width, height), stream))
        {
            svg.Clear(SKColors.White);
            draw(svg);
        }

        using var surface = SKSurface.Create(new SKImageInfo(width * PngScale, height * PngScale, SKColorType.Rgba8888, SKAlphaType.Premul))
                            ?? throw new RendererException($"SkiaSharp could not make a {width * PngScale} x {height * PngScale} surface");
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.Scale(PngScale);
        draw(surface.Canvas);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(pngPath);
        png.SaveTo(file);
    }
}
