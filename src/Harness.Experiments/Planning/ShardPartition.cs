namespace Harness.Experiments.Planning;

/// <summary>
/// Splits a plan's cells over N shards, the same way in every worker: greedy longest-processing-time first (Graham
/// 1969; within 4/3 of the best makespan). Cells are taken by decreasing <see cref="PlannedCell.Weight"/>, ties by their
/// position in the plan, and each goes to the shard with the least weight so far, ties to the lowest index. Only the
/// plan's stored numbers enter, so every worker (any node, any order of start) computes the same partition.
/// </summary>
public static class ShardPartition
{
    /// <summary>The shard index of each cell that needs work (<see cref="PlannedWork.Done"/> cells are left out), by cell id.</summary>
    public static IReadOnlyDictionary<string, int> Assign(IReadOnlyList<PlannedCell> cells, int shards)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        var load = new double[shards];
        var assignment = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cell in cells.Where(c => c.Work != PlannedWork.Done).OrderByDescending(c => c.Weight).ThenBy(c => c.Position))
        {
            var lightest = 0;
            for (var s = 1; s < shards; s++)
                if (load[s] < load[lightest]) lightest = s;
            load[lightest] += cell.Weight;
            assignment[cell.CellId] = lightest;
        }

        return assignment;
    }

    /// <summary>The ids of the cells of shard <paramref name="shard"/>.</summary>
    public static IReadOnlySet<string> CellsOf(IReadOnlyList<PlannedCell> cells, ShardId shard) =>
        Assign(cells, shard.Count).Where(kv => kv.Value == shard.Index).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
}
