using Harness.Experiments.Schema;

namespace Harness.Experiments.Grid;

/// <summary>The experiment's cells in run order (model, then dataset, then seed, then attributor: each
/// model loads once and each dataset's targets are chosen once per model), after `only` and `exclude`.</summary>
public static class GridExpander
{
    /// <summary>Every model x dataset x seed x attributor that the `only`/`exclude` filters keep, in run order.</summary>
    public static IReadOnlyList<Cell> Cells(ExperimentSpec spec) =>
        (from model in spec.Models
         from dataset in spec.Datasets
         from seed in spec.Seeds
         from attributor in spec.Attributors
         where Selected(spec, model.Name, dataset.Name, attributor)
         select new Cell(model, dataset, attributor, seed)).ToList();

    /// <summary>True when the filters keep this (model, dataset, attributor): matched by some `only`
    /// entry (or there is none) and by no `exclude` entry.</summary>
    public static bool Selected(ExperimentSpec spec, string model, string dataset, AttributorSpec attributor) =>
        (spec.Only.Count == 0 || spec.Only.Any(f => f.Matches(model, dataset, attributor)))
        && !spec.Exclude.Any(f => f.Matches(model, dataset, attributor));
}
