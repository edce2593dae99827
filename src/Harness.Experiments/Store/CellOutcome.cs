using Harness.Experiments.Grid;

namespace Harness.Experiments.Store;

/// <summary>What one cell produced: every attribution with its metrics, or the error that stopped it.</summary>
public sealed record CellOutcome(Cell Cell, IReadOnlyList<StoredAttribution> Attributions, string? Error, double WallMilliseconds)
{
    public bool Failed => Error is not null;
}
