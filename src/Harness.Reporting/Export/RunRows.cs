using Harness.Experiments.Running;
using Harness.Reporting.Results;

namespace Harness.Reporting.Export;

/// <summary>A loaded run flattened into typed rows, the one source of the Parquet export and the DataFrames, in the
/// store's order (cell, example, step, metric). Failed cells have no rows: they have no attributions.</summary>
internal static class RunRows
{
    public static IReadOnlyList<MetricValueRow> MetricValues(RunResults run)
    {
        var runId = run.Provenance.GetValueOrDefault("run_id", "");
        var cells = run.Cells.ToDictionary(c => c.CellId, StringComparer.Ordinal);
        return run.Metrics.SelectMany(m =>
        {
            var cell = cells[m.CellId];
            var flags = m.Flags.Select(f => f.Name).ToArray();
            MetricValueRow Row(string? part, double value) => new(runId, cell.CellId, cell.Model, cell.Dataset, cell.Attributor, cell.AttributorName,
                cell.Seed, m.ExampleId, m.Step, m.Label, m.Metric, part, double.IsFinite(value) ? value : null, flags);
            return m.Parts.Select(p => (Key: p.Key.Format(), p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Row(p.Key, p.Value)).Prepend(Row(null, m.Value));
        }).ToList();
    }

    public static IReadOnlyList<AttributionRow> Attributions(RunResults run)
    {
        var runId = run.Provenance.GetValueOrDefault("run_id", "");
        var cells = run.Cells.ToDictionary(c => c.CellId, StringComparer.Ordinal);
        var texts = run.ModelNames.ToDictionary(m => m, m => TokenText.For(run.Models.FirstOrDefault(r => r.Name == m)), StringComparer.Ordinal);
        var items = run.Items.ToDictionary(kv => kv.Key, kv => kv.Value.ToDictionary(i => i.Key, StringComparer.Ordinal));
        return run.Attributions.Select(a =>
        {
            var cell = cells[a.CellId];
            var text = texts[cell.Model];
            var item = items.TryGetValue((cell.Model, cell.Dataset), out var byKey) ? byKey.GetValueOrDefault(a.ItemKey) : null;
            return new AttributionRow(runId, cell.CellId, cell.Model, cell.Dataset, cell.Attributor, cell.AttributorName, cell.Seed, a.ExampleId, a.Step,
                item?.TargetText ?? text.Of(a.TargetIds), a.TargetIds, Tokens(item, text, a.Scores.Length), a.Scores,
                a.WallMilliseconds, a.ForwardPasses, a.BackwardPasses);
        }).ToList();
    }

    /// <summary>One text per score: the item's sources, padded with "source i" should the item be missing or shorter.</summary>
    private static string[] Tokens(EvaluationItem? item, TokenText text, int count)
    {
        var sources = item is null ? [] : SourceText.Of(item, text);
        return Enumerable.Range(0, count).Select(i => i < sources.Count ? sources[i] : $"source {i}").ToArray();
    }
}
