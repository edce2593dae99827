namespace Harness.Experiments.Planning;

/// <summary>A cell of a plan: its place in the stable cell order (<see cref="Grid.GridExpander"/>), what it still needs,
/// and the dry-run's estimate of its passes (<see cref="Grid.PassEstimator"/>) over its frozen items.</summary>
/// <param name="Metrics">For <see cref="PlannedWork.Metrics"/>: the metric labels the cell gains.</param>
public sealed record PlannedCell(int Position, string CellId, PlannedWork Work, double Forward, double Backward, IReadOnlyList<string> Metrics)
{
    /// <summary>What the partition balances: forward passes plus backward passes counted twice (a backward pass costs
    /// about two forwards: it computes gradients of both the activations and the weights' inputs).</summary>
    public double Weight => Forward + 2 * Backward;
}
