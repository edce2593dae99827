using Harness.Experiments.Grid;
using Harness.Scoring;

namespace Harness.Experiments.Running;

/// <summary>`harness run --dry-run`'s estimate (<see cref="ExperimentRunner.Estimate"/>): per cell its items and the passes
/// one item is expected to need, and every model's peak memory.</summary>
public sealed record DryRunEstimate(IReadOnlyList<EstimatedCell> Cells, IReadOnlyList<MemoryEstimate> Footprints)
{
    /// <summary>The passes of every cell together.</summary>
    public PassEstimate Total => Cells.Aggregate(new PassEstimate(0, 0), (total, cell) => total + cell.Total);
}

/// <summary>One cell of the estimate: its item count, and the attribution's and the metrics' passes per item.</summary>
public sealed record EstimatedCell(string CellId, int Items, PassEstimate Attribution, PassEstimate Metrics)
{
    /// <summary>The cell's passes: per-item attribution and metric passes times its items, and one more attribution for
    /// the untimed warm-up a cell with items starts with (spec/metrics.md section 7).</summary>
    public PassEstimate Total => Items == 0 ? PassEstimate.None : Attribution * (Items + 1) + Metrics * Items;
}
