using Harness.Reporting.Results;

namespace Harness.Reporting.Figures;

/// <summary>Builds one example's heatmap with every attributor as rows (<see cref="HeatmapSpec"/>) from the run.</summary>
internal static class TokenHeatmapFigure
{
    /// <summary>The heatmap of <paramref name="exampleId"/>, or null when no attributor has an attribution of it.</summary>
    public static HeatmapSpec? Build(
        RunResults run, string model, string dataset, string exampleId, IReadOnlyList<string> attributors, TokenText text, string id, string? page)
    {
        var (heatmaps, missing) = Attributions(run, model, dataset, exampleId, attributors, text);
        if (heatmaps.Count == 0) return null;
        // Every attributor scores the same items, so the one with the most sources names them for all.
        var sources = heatmaps.MaxBy(h => h.Sources.Count)!.Sources;
        var targets = heatmaps.SelectMany(h => h.Rows.Select(r => (h.Attributor, Row: r)))
            .GroupBy(x => x.Row.Step)
            .OrderBy(g => g.Key)
            .Select(g => new HeatmapSpec.Target(g.Key, g.First().Row.Target, g.First().Row.Confidence,
                g.Select(x => new HeatmapSpec.Row(x.Attributor, x.Row.Scores)).ToList()))
            .ToList();
        var scale = HeatmapScale.For(targets.SelectMany(t => t.Rows).SelectMany(r => r.Shares));
        return new HeatmapSpec(id, $"Token attributions on {dataset}, example {exampleId} ({model})", page, model, exampleId, sources, targets, scale, missing);
    }

    /// <summary>Each attributor's attribution of the example, and the reason for each attributor without one.</summary>
    public static (IReadOnlyList<ExampleHeatmap> Heatmaps, IReadOnlyDictionary<string, string> Missing) Attributions(
        RunResults run, string model, string dataset, string exampleId, IReadOnlyList<string> attributors, TokenText text)
    {
        var heatmaps = new List<ExampleHeatmap>();
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attributor in attributors)
        {
            if (ExampleHeatmap.Build(run, model, dataset, attributor, exampleId, text) is { } heatmap) heatmaps.Add(heatmap);
            else missing[attributor] = MissingReason.ForExample(run, model, dataset, attributor);
        }

        return (heatmaps, missing);
    }
}
