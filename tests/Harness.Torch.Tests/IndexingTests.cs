using NUnit.Framework;

namespace Harness.Torch.Tests;

/// <summary>Indexing: the Python-style TensorIndex indexer, index_select, gather, scatter,
/// masked_fill, masked_select and where.</summary>
[TestFixtureSource(typeof(TestDevices), nameof(TestDevices.Available))]
[Fast]
public sealed class IndexingTests(Device device)
{
    /// <summary>x[i, j, k] = 12 i + 4 j + k, shape [2, 3, 4].</summary>
    private Tensor Cube() => torch.arange(24, device: device).view(2, 3, 4);

    private Tensor Longs(params long[] values) => torch.tensor(values, device: device);

    [Test]
    public void Integers_select_and_remove_dimensions()
    {
        using var scope = torch.NewDisposeScope();
        var x = Cube();
        Assert.Multiple(() =>
        {
            Assert.That(x[1].shape, Is.EqualTo(new long[] { 3, 4 }));
            Assert.That(x[1].Longs(), Is.EqualTo(Enumerable.Range(12, 12).Select(i => (long)i)));
            Assert.That(x[1, 2].Longs(), Is.EqualTo(new long[] { 20, 21, 22, 23 }));
            Assert.That(x[1, 2, 3].ndim, Is.EqualTo(0));
            Assert.That(x[1, 2, 3].ToInt64(), Is.EqualTo(23));
            Assert.That(x[-1, -2, -3].ToInt64(), Is.EqualTo(12 + 4 + 1), "negative integers count from the end");
        });
    }

    [Test]
    public void Ranges_and_slices_keep_their_dimension()
    {
        using var scope = torch.NewDisposeScope();
        var x = Cube();
        Assert.Multiple(() =>
        {
            Assert.That(x[.., 1].shape, Is.EqualTo(new long[] { 2, 4 }));
            Assert.That(x[.., 1].Longs(), Is.EqualTo(new long[] { 4, 5, 6, 7, 16, 17, 18, 19 }));
            Assert.That(x[0, 1..3].Longs(), Is.EqualTo(new long[] { 4, 5, 6, 7, 8, 9, 10, 11 }));
            Assert.That(x[0, 0, TensorIndex.Slice(0, null, 2)].Longs(), Is.EqualTo(new long[] { 0, 2 }));
            Assert.That(x[0, 0, TensorIndex.Slice(1, 3)].Longs(), Is.EqualTo(new long[] { 1, 2 }));
        });
    }

    [Test]
    public void From_end_ranges_count_from_the_end_of_the_dimension()
    {
        using var scope = torch.NewDisposeScope();
        var row = torch.arange(5, device: device);
        Assert.Multiple(() =>
        {
            Assert.That(row[^2..].Longs(), Is.EqualTo(new long[] { 3, 4 }), "[^2..] is Python's [-2:]");
            Assert.That(row[..^1].Longs(), Is.EqualTo(new long[] { 0, 1, 2, 3 }), "[..^1] is Python's [:-1]");
            Assert.That(row[1..^1].Longs(), Is.EqualTo(new long[] { 1, 2, 3 }));
            Assert.That(row[..^0].Longs(), Is.EqualTo(new long[] { 0, 1, 2, 3, 4 }), "^0 as an end is the end of the dimension");
            Assert.That(row[^0..].numel(), Is.EqualTo(0), "^0 as a start is the end of the dimension: nothing is left");
        });
    }

    [Test]
    public void Ellipsis_skips_the_remaining_dimensions_and_None_inserts_one()
    {
        using var scope = torch.NewDisposeScope();
        var x = Cube();
        Assert.Multiple(() =>
        {
            Assert.That(x[TensorIndex.Ellipsis, 0].shape, Is.EqualTo(new long[] { 2, 3 }));
            Assert.That(x[TensorIndex.Ellipsis, 0].Longs(), Is.EqualTo(new long[] { 0, 4, 8, 12, 16, 20 }));
            Assert.That(x[1, TensorIndex.Ellipsis, 3].Longs(), Is.EqualTo(new long[] { 15, 19, 23 }));
            Assert.That(x[TensorIndex.None].shape, Is.EqualTo(new long[] { 1, 2, 3, 4 }));
            Assert.That(x[0, TensorIndex.None, .., 2].shape, Is.EqualTo(new long[] { 1, 3 }));
        });
    }

    [Test]
    public void Tensor_indices_pick_positions_and_bool_masks_select_elements()
    {
        using var scope = torch.NewDisposeScope();
        var x = Cube();
        Assert.Multiple(() =>
        {
            Assert.That(x[0, 0, Longs(3, 0, 3)].Longs(), Is.EqualTo(new long[] { 3, 0, 3 }));
            Assert.That(x[Longs(1)].shape, Is.EqualTo(new long[] { 1, 3, 4 }));
            Assert.That(x[x.gt(20)].Longs(), Is.EqualTo(new long[] { 21, 22, 23 }));
        });
    }

    [Test]
    public void Indexing_a_view_shares_storage()
    {
        using var scope = torch.NewDisposeScope();
        var x = Cube();
        x[1, .., 0].fill_(-5);
        Assert.That(x[.., .., 0].Longs(), Is.EqualTo(new long[] { 0, 4, 8, -5, -5, -5 }));
    }

    [Test]
    public void Too_many_indices_are_rejected()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.zeros([2, 2], device: device);
        Assert.That(() => x[0, 0, 0], Throws.ArgumentException.With.Message.Contains("too many indices"));
    }

    [Test]
    public void Index_select_picks_rows_or_columns_and_may_repeat_them()
    {
        using var scope = torch.NewDisposeScope();
        var m = torch.arange(1, 10, device: device).view(3, 3);
        Assert.Multiple(() =>
        {
            Assert.That(m.index_select(0, Longs(2, 0, 2)).Longs(), Is.EqualTo(new long[] { 7, 8, 9, 1, 2, 3, 7, 8, 9 }));
            Assert.That(torch.index_select(m, 1, Longs(1)).Longs(), Is.EqualTo(new long[] { 2, 5, 8 }));
        });
    }

    [Test]
    public void Gather_reads_each_output_position_from_its_index()
    {
        using var scope = torch.NewDisposeScope();
        // Source: pytorch.org/docs/stable/generated/torch.gather.html, the example.
        var t = torch.tensor(new long[] { 1, 2, 3, 4 }, [2, 2], device);
        var index = torch.tensor(new long[] { 0, 0, 1, 0 }, [2, 2], device);
        Assert.Multiple(() =>
        {
            Assert.That(t.gather(1, index).Longs(), Is.EqualTo(new long[] { 1, 1, 4, 3 }));
            Assert.That(torch.gather(t, 0, index).Longs(), Is.EqualTo(new long[] { 1, 2, 3, 2 }));
        });
    }

    [Test]
    public void Scatter_writes_source_values_at_the_indices_into_a_copy()
    {
        using var scope = torch.NewDisposeScope();
        // Source: pytorch.org/docs/stable/generated/torch.Tensor.scatter_.html, the example.
        var src = torch.arange(1, 11, device: device).view(2, 5);
        var index = torch.tensor(new long[] { 0, 1, 2, 0 }, [1, 4], device);
        var target = torch.zeros([3, 5], torch.int64, device);
        var result = target.scatter(0, index, src);
        Assert.Multiple(() =>
        {
            Assert.That(result.Longs(), Is.EqualTo(new long[] { 1, 0, 0, 4, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0 }));
            Assert.That(target.Longs(), Is.All.EqualTo(0), "scatter is out of place");
        });
    }

    [Test]
    public void Scatter_with_a_value_and_scatter_add_accumulating_duplicates()
    {
        using var scope = torch.NewDisposeScope();
        var filled = torch.zeros([2, 4], device: device).scatter(1, torch.tensor(new long[] { 1, 3 }, [2, 1], device), 5.0);
        var summed = torch.zeros([5], device: device).scatter_add(0, Longs(0, 1, 0, 4), torch.tensor(new float[] { 1, 2, 3, 4 }, device: device));
        Assert.Multiple(() =>
        {
            Assert.That(filled.Doubles(), Is.EqualTo(new double[] { 0, 5, 0, 0, 0, 0, 0, 5 }));
            Assert.That(summed.Doubles(), Is.EqualTo(new double[] { 4, 2, 0, 0, 4 }), "index 0 receives 1 + 3");
        });
    }

    [Test]
    public void Masked_fill_replaces_where_the_broadcast_mask_is_true()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3], device);
        var mask = torch.tensor(new[] { true, false, true, false, false, true }, [2, 3], device);
        var columnMask = torch.tensor(new[] { false, true, false }, device: device);
        var negInf = torch.masked_fill(x, mask, double.NegativeInfinity);
        Assert.Multiple(() =>
        {
            Assert.That(x.masked_fill(mask, -1).Doubles(), Is.EqualTo(new double[] { -1, 2, -1, 4, 5, -1 }));
            Assert.That(x.masked_fill(columnMask, 0).Doubles(), Is.EqualTo(new double[] { 1, 0, 3, 4, 0, 6 }), "a [3] mask applies to every row");
            Assert.That(negInf.isinf().Bools(), Is.EqualTo(mask.Bools()));
            Assert.That(x.Doubles(), Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6 }), "masked_fill is out of place");
        });
    }

    [Test]
    public void Masked_select_returns_the_selected_elements_flat()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2, 3, 4 }, [2, 2], device);
        Assert.That(x.masked_select(x.gt(1.5)).Doubles(), Is.EqualTo(new double[] { 2, 3, 4 }));
    }

    [Test]
    public void Where_takes_from_a_where_the_condition_holds_else_from_b_broadcasting()
    {
        using var scope = torch.NewDisposeScope();
        var condition = torch.tensor(new[] { true, false, true }, device: device);
        var a = torch.tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3], device);
        var b = torch.zeros([1], torch.float64, device);
        Assert.That(torch.where(condition, a, b).Doubles(), Is.EqualTo(new double[] { 1, 0, 3, 4, 0, 6 }));
    }
}
