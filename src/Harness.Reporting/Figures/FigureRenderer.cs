using Harness.Experiments.Outputs;

namespace Harness.Reporting.Figures;

/// <summary>
/// Draws figures in-process: for each, ID.json (the plotted values), ID.svg and ID.png (twice the SVG's size) in one
/// folder. Charts are drawn by ScottPlot (<see cref="ChartPainter"/>), heatmaps as flowing text and Captum-style plots by SkiaSharp
/// (<see cref="HeatmapPainter"/>, <see cref="CaptumTokenPlotPainter"/>); nothing outside the process is needed but a font.
/// </summary>
internal static class FigureRenderer
{
    public static IReadOnlyList<RenderedFigure> Render(IReadOnlyList<FigureSpec> figures, string folder)
    {
        if (figures.Count == 0) return [];
        Directory.CreateDirectory(folder);
        return figures.Select(figure => Render(figure, folder)).ToList();
    }

    public static RenderedFigure Render(FigureSpec figure, string folder)
    {
        var stem = Path.GetFullPath(Path.Combine(folder, figure.Id));
        var (data, svg, png) = ($"{stem}.json", $"{stem}.svg", $"{stem}.png");
        AtomicFile.WriteAllText(data, figure.ToJson());
        var (width, height) = figure switch
        {
            ChartSpec chart => ChartPainter.Size(chart),
            HeatmapSpec heatmap => (HeatmapPainter.Width, HeatmapPainter.Height(heatmap)),
            CaptumTokenPlotSpec plot => CaptumTokenPlotPainter.Size(plot),
            _ => throw new ArgumentException($"no painter for {figure.GetType().Name}", nameof(figure)),
        };
        FigureFiles.Write(svg, png, width, height, canvas =>
        {
            switch (figure)
            {
                case ChartSpec chart: ChartPainter.Draw(canvas, chart); break;
                case HeatmapSpec heatmap: HeatmapPainter.Draw(canvas, heatmap); break;
                case CaptumTokenPlotSpec plot: CaptumTokenPlotPainter.Draw(canvas, plot); break;
            }
        });
        return new RenderedFigure(figure, data, svg, png, width * FigureFiles.PngScale, height * FigureFiles.PngScale);
    }
}
