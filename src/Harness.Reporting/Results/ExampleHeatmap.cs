using Harness.Evaluation.Eraser;
namespace Harness.Reporting.Results;

/// <summary>
/// One example's attributions by one attributor, laid out for a heatmap: the sources in text order and
/// per attributed target (generation step) its text, the model's confidence in it, and a score per source.
/// </summary>
internal sealed record ExampleHeatmap(
    string Model, string Dataset, string Attributor, string ExampleId, IReadOnlyList<string> Sources, IReadOnlyList<ExampleHeatmap.Row> Rows)
{
    /// <param name="Confidence">p(target | full context), from the AOPC metrics' q_y part; NaN when the run has no AOPC metric.</param>
    /// <param name="Scores">One per source; NaN where the target's context did not reach that source yet.</param>
    public sealed record Row(int Step, string Target, double Confidence, IReadOnlyList<double> Scores);

    /// <summary>The heatmap of <paramref name="exampleId"/>, or null when the attributor has no attribution of it.</summary>
    public static ExampleHeatmap? Build(RunResults run, string model, string dataset, string attributor, string exampleId, TokenText text)
    {
        var cell = run.Cells.FirstOrDefault(c => c.Done && c.Model == model && c.Dataset == dataset && c.Attributor == attributor);
        if (cell is null) return null;
        var attributions = run.Attributions.Where(a => a.CellId == cell.CellId && a.ExampleId == exampleId).OrderBy(a => a.Step).ToList();
        if (attributions.Count == 0) return null;
        var items = run.Items.TryGetValue((model, dataset), out var list)
            ? list.Where(i => i.ExampleId == exampleId).ToDictionary(i => i.Step)
            : [];
        var confidence = ModelConfidence(run, model, dataset, exampleId);

        // The sources of the step with the most of them name the columns; earlier steps fill a prefix.
        var widest = items.Values.OrderByDescending(i => i.SourceGroups?.Length ?? i.RegionEnd - i.RegionStart).FirstOrDefault();
        var width = attributions.Max(a => a.Scores.Length);
        // Each token's text as it reads in the decoded context (with the spaces between words).
        var pieces = widest is null ? [] : text.Pieces(widest.ContextIds);
        IReadOnlyList<string> sources = widest switch
        {
            null => Enumerable.Range(0, width).Select(i => $"source {i}").ToList(),
            { SourceGroups: { } groups } => Enumerable.Range(0, groups.Length).Select(i => widest.SourceLabels?[i] ?? string.Concat(groups[i].Select(p => pieces[p]))).ToList(),
            _ => pieces.Skip(widest.RegionStart).Take(widest.RegionEnd - widest.RegionStart).ToList(),
        };
        if (sources.Count < width) sources = [.. sources, .. Enumerable.Range(sources.Count, width - sources.Count).Select(i => $"source {i}")];

        var rows = attributions.Select(a =>
        {
            var scores = Enumerable.Range(0, sources.Count).Select(i => i < a.Scores.Length ? a.Scores[i] : double.NaN).ToList();
            return new Row(a.Step, text.Of(a.TargetIds), confidence.GetValueOrDefault(a.Step, double.NaN), scores);
        }).ToList();
        return new ExampleHeatmap(model, dataset, attributor, exampleId, sources, rows);
    }

    /// <summary>Step -> p(target | full context) of the example, from any cell of the model x dataset (it does not depend on the attributor).</summary>
    private static Dictionary<int, double> ModelConfidence(RunResults run, string model, string dataset, string exampleId)
    {
        var cells = run.CellIds(model, dataset);
        return run.Metrics.Where(m => cells.Contains(m.CellId) && m.ExampleId == exampleId && m.Parts.ContainsKey(Aopc.IntactProbabilityPart))
            .GroupBy(m => m.Step).ToDictionary(g => g.Key, g => g.First().Parts[Aopc.IntactProbabilityPart]);
    }
}
