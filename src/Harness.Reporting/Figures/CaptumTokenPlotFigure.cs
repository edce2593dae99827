using Harness.Reporting.Results;

namespace Harness.Reporting.Figures;

/// <summary>Builds one example's Captum-style plot (<see cref="CaptumTokenPlotSpec"/>), a panel per attributor, from the run.</summary>
internal static class CaptumTokenPlotFigure
{
    /// <summary>The plot of <paramref name="exampleId"/>, or null when no attributor has an attribution of it.</summary>
    public static CaptumTokenPlotSpec? Build(
        RunResults run, string model, string dataset, string exampleId, IReadOnlyList<string> attributors, TokenText text, string id, string title)
    {
        var (heatmaps, missing) = TokenHeatmapFigure.Attributions(run, model, dataset, exampleId, attributors, text);
        if (heatmaps.Count == 0) return null;
        // Every attributor scores the same items, so the one with the most sources names them for all.
        var sources = heatmaps.MaxBy(h => h.Sources.Count)!.Sources;
        var panels = heatmaps.Select(h => new CaptumTokenPlotSpec.Panel(
            h.Attributor, h.Rows.Select(r => r.Target).ToList(), h.Rows.Select(r => (IReadOnlyList<double>)r.Scores).ToList())).ToList();
        return new CaptumTokenPlotSpec(id, title, dataset, model, exampleId, sources, panels, missing);
    }
}
