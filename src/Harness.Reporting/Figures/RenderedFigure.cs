namespace Harness.Reporting.Figures;

/// <summary>A figure written to disk: its data file (ID.json), SVG and PNG, and the PNG's size in pixels (twice the SVG's).</summary>
public sealed record RenderedFigure(FigureSpec Figure, string DataPath, string SvgPath, string PngPath, int PngWidth, int PngHeight);
