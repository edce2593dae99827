using Harness.Experiments.Grid;
using Harness.Experiments.Schema;
using Harness.Experiments.Store;
using Harness.Experiments.Yaml;

namespace Harness.Experiments.Running;

/// <summary>
/// Whether a resumed run's experiment only grew from the one its store was written under (issue 24 item 7): models,
/// datasets, attributor variants, metrics and seeds may be added, and anything no finished cell used may change, but a
/// change to what a finished cell was computed with is refused, naming it: a model's or dataset's settings (also where
/// only frozen targets used them), an attributor variant's options, a metric's options, the batch size, or the removal
/// of anything finished cells hold (filters included). A metric a finished cell lacks (new, or applying to more
/// datasets) is computed on its stored attributions by the runner, not refused.
/// </summary>
public static class GridGrowth
{
    /// <summary>What the store holds that the experiment must still describe.</summary>
    /// <param name="FinishedCells">The cells that finished ('done').</param>
    /// <param name="Targets">The model x dataset pairs whose targets are frozen.</param>
    /// <param name="MetricValues">Metric labels with stored values, by the dataset of their cells.</param>
    public sealed record StoredWork(
        IReadOnlyList<StoredCell> FinishedCells, IReadOnlyList<(string Model, string Dataset)> Targets, IReadOnlyList<(string Metric, string Dataset)> MetricValues);

    /// <summary>A cell the store holds as finished, as the store keys it.</summary>
    /// <param name="Id">The cell id (<see cref="Grid.Cell.Id"/>).</param>
    /// <param name="Model">The model name.</param>
    /// <param name="Dataset">The dataset name.</param>
    /// <param name="Attributor">The attributor label.</param>
    /// <param name="Seed">The cell seed.</param>
    public sealed record StoredCell(string Id, string Model, string Dataset, string Attributor, ulong Seed);

    /// <summary>Every change of <paramref name="spec"/> from <paramref name="stored"/> that alters finished work, one line each; empty when it only grew.</summary>
    public static IReadOnlyList<ExperimentError> Problems(ExperimentSpec spec, GridDefinition stored, StoredWork work, string runId)
    {
        var current = GridDefinition.Of(spec);
        var problems = new List<ExperimentError>();
        var top = new SourcePosition(spec.File, 1, 1);
        void Refuse(SourcePosition at, string what) =>
            problems.Add(new ExperimentError(at, $"{what} (run {runId}); a resumed run may only add to the grid: undo the change, give the changed entry a new name or label, or set another 'output' for a new run"));

        void Compare(string kind, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> before, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> after,
            IEnumerable<string> used, Func<string, SourcePosition> position, string usedBy, params string[] ignored)
        {
            foreach (var name in used.Distinct().Order(StringComparer.Ordinal))
            {
                if (!before.TryGetValue(name, out var was)) continue; // not in the stored grid: nothing to compare with
                if (!after.TryGetValue(name, out var now))
                    Refuse(top, $"{kind} '{name}' was removed, but {usedBy}");
                else if (GridDefinition.Differences(was, now, ignored) is { Count: > 0 } changes)
                    Refuse(position(name), $"{kind} '{name}' changed ({string.Join("; ", changes)}), but {usedBy}");
            }
        }

        var cells = work.FinishedCells;
        Compare("model", stored.Models, current.Models, cells.Select(c => c.Model).Concat(work.Targets.Select(t => t.Model)),
            n => spec.Models.First(m => m.Name == n).Position, "finished cells or frozen targets were computed with it");
        Compare("dataset", stored.Datasets, current.Datasets, cells.Select(c => c.Dataset).Concat(work.Targets.Select(t => t.Dataset)),
            n => spec.Datasets.First(d => d.Name == n).Position, "finished cells or frozen targets were computed from it");
        Compare("attributor", stored.Attributors, current.Attributors, cells.Select(c => c.Attributor),
            n => spec.Attributors.First(a => a.Label == n).Position, "its finished cells were computed with it");
        Compare("metric", stored.Metrics, current.Metrics, work.MetricValues.Select(v => v.Metric),
            n => spec.Metrics.First(m => m.Label == n).Position, "finished cells hold its values", GridDefinition.MetricDatasets);

        foreach (var (metric, dataset) in work.MetricValues.Distinct().Order())
            if (spec.Metrics.FirstOrDefault(m => m.Label == metric) is { } now && !now.AppliesTo(dataset))
                Refuse(now.Position, $"metric '{metric}' no longer applies to dataset '{dataset}', but its finished cells hold the metric's values");
        foreach (var seed in cells.Select(c => c.Seed).Distinct().Order().Where(s => !spec.Seeds.Contains(s)))
            Refuse(top, $"seed {seed} was removed, but finished cells ran with it");
        if (cells.Count > 0 && stored.BatchSize != spec.BatchSize)
            Refuse(top, $"batch_size changed ({stored.BatchSize} -> {spec.BatchSize}), but finished cells were computed with {stored.BatchSize}");

        // A finished cell whose entries all remain but which the grid no longer has: an `only` or `exclude` filter drops it.
        var ids = GridExpander.Cells(spec).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var cell in cells.Where(c => !ids.Contains(c.Id) && current.Models.ContainsKey(c.Model) && current.Datasets.ContainsKey(c.Dataset)
                                              && current.Attributors.ContainsKey(c.Attributor) && spec.Seeds.Contains(c.Seed)))
            Refuse(top, $"the 'only'/'exclude' filters now drop finished cell {cell.Id}");
        return problems;
    }
}
