using Harness.Experiments.Grid;

namespace Harness.Experiments.Store;

/// <summary>What one cell produced: every attribution with its metrics, or the error that stopped it.</summary>
public sealed record CellOutcome(Cell Cell, IReadOnlyList<StoredAttribution> Attributions, string? Error, double WallMilliseconds)
{
    /// <summary>True when the cell stopped on an error.</summary>
    public bool Failed => Error is not null;
}
