namespace Harness.Reporting.Figures;

/// <summary>A figure written to disk: its spec, SVG and PNG files and the PNG's size in pixels.</summary>
public sealed record RenderedFigure(FigureSpec Figure, string SpecPath, string SvgPath, string PngPath, int PngWidth, int PngHeight);
