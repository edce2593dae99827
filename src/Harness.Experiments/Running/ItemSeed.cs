using Harness.Data.Synthetic;

namespace Harness.Experiments.Running;

/// <summary>The seed of item i of a cell: a hash of the cell's seed and i, the same for every attributor,
/// so the metrics' random draws (Soft masks, LDS masks) are shared by all attributors of an example and
/// the random baseline sees the same streams (spec/metrics.md section 2).</summary>
public static class ItemSeed
{
    /// <summary>The seed of item <paramref name="itemIndex"/> of a cell seeded with <paramref name="cellSeed"/>.</summary>
    public static ulong Of(ulong cellSeed, int itemIndex) => SplitMix64.ForExample(cellSeed, itemIndex).NextUInt64();
}
