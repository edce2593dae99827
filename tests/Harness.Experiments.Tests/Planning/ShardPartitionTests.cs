using Harness.Experiments.Planning;

namespace Harness.Experiments.Tests.Planning;

/// <summary>Scale-out issue, item 2: the partition of a plan's cells over N shards is deterministic, gives every cell
/// needing work to exactly one shard, leaves finished cells out, and balances the estimated passes (longest first).</summary>
[TestFixture]
[Fast]
public sealed class ShardPartitionTests
{
    private static List<PlannedCell> Cells(params double[] forwards) =>
        forwards.Select((f, i) => new PlannedCell(i, $"cell{i}", PlannedWork.Run, f, 0, [])).ToList();

    [Test]
    public void Every_cell_needing_work_goes_to_exactly_one_shard_and_finished_cells_to_none()
    {
        var cells = Cells(5, 3, 8, 1, 1, 2, 9);
        cells[3] = cells[3] with { Work = PlannedWork.Done };
        cells[4] = cells[4] with { Work = PlannedWork.Metrics };

        var assignment = ShardPartition.Assign(cells, 3);

        Assert.That(assignment.Keys.Order(), Is.EqualTo(new[] { "cell0", "cell1", "cell2", "cell4", "cell5", "cell6" }));
        Assert.That(assignment.Values, Is.All.InRange(0, 2));
        var union = Enumerable.Range(0, 3).SelectMany(i => ShardPartition.CellsOf(cells, new ShardId(i, 3))).ToList();
        Assert.That(union, Is.EquivalentTo(assignment.Keys), "the shards' cells are disjoint and cover the work");
    }

    [Test]
    public void The_partition_is_longest_first_onto_the_lightest_shard_ties_to_the_lower_position_and_index()
    {
        // Weights 9, 8, 5, 3, 2, 2 (a backward pass counts twice) over 2 shards: 9->0, 8->1, 5->1 (13), 3->0 (12), 2->0 (14), 2->1 (15).
        var cells = Cells(5, 3, 8, 2, 9, 0);
        cells[5] = cells[5] with { Backward = 1 };

        var assignment = ShardPartition.Assign(cells, 2);

        Assert.That(assignment, Is.EqualTo(new Dictionary<string, int>
        {
            ["cell4"] = 0, ["cell2"] = 1, ["cell0"] = 1, ["cell1"] = 0, ["cell3"] = 0, ["cell5"] = 1,
        }));
        Assert.That(ShardPartition.Assign(cells.AsEnumerable().Reverse().ToList(), 2), Is.EqualTo(assignment), "the plan's positions, not the list's order, break ties");
    }

    [Test]
    public void More_shards_than_cells_leave_the_extra_shards_empty()
    {
        var cells = Cells(1, 1);
        Assert.That(ShardPartition.CellsOf(cells, new ShardId(2, 4)), Is.Empty);
        Assert.That(ShardPartition.CellsOf(cells, new ShardId(0, 4)).Concat(ShardPartition.CellsOf(cells, new ShardId(1, 4))), Is.EquivalentTo(new[] { "cell0", "cell1" }));
    }

    [TestCase("0/4", 0, 4)]
    [TestCase("3/4", 3, 4)]
    public void A_shard_is_written_I_slash_N_counted_from_zero(string text, int index, int count) =>
        Assert.That(ShardId.TryParse(text, out _), Is.EqualTo(new ShardId(index, count)));

    [TestCase("4/4", "I counts from 0 to N - 1 (3), got 4")]
    [TestCase("1/0", "N must be 1 to 100000, got 0")]
    [TestCase("1-4", "expected I/N (shard I of N, counted from 0, e.g. 0/4), got '1-4'")]
    [TestCase("-1/4", "expected I/N (shard I of N, counted from 0, e.g. 0/4), got '-1/4'")]
    public void A_bad_shard_says_why(string text, string problem)
    {
        Assert.That(ShardId.TryParse(text, out var why), Is.Null);
        Assert.That(why, Is.EqualTo(problem));
    }
}
