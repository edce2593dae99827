using NUnit.Framework;

namespace Harness.Torch.Tests;

/// <summary>Views and shape operations: view/reshape, permute/transpose, joining and splitting,
/// narrowing, broadcasting views, repetition, triangles and flips.</summary>
[TestFixtureSource(typeof(TestDevices), nameof(TestDevices.Available))]
[Fast]
public sealed class ShapeTests(Device device)
{
    /// <summary>x[i, j, k] = 12 i + 4 j + k, shape [2, 3, 4].</summary>
    private Tensor Cube() => torch.arange(24, device: device).view(2, 3, 4);

    private static long[] Range(long start, long count) => Enumerable.Range((int)start, (int)count).Select(i => (long)i).ToArray();

    [Test]
    public void View_reinterprets_the_row_major_values_and_infers_minus_one()
    {
        using var scope = torch.NewDisposeScope();
        var x = Cube();
        var flat = x.view(3, 8);
        var inferred = x.view(-1, 4);
        Assert.Multiple(() =>
        {
            Assert.That(flat.shape, Is.EqualTo(new long[] { 3, 8 }));
            Assert.That(flat.Longs(), Is.EqualTo(Range(0, 24)));
            Assert.That(inferred.shape, Is.EqualTo(new long[] { 6, 4 }));
        });
    }

    [Test]
    public void A_view_shares_storage_with_its_base()
    {
        using var scope = torch.NewDisposeScope();
        var x = Cube();
        x.view(24).narrow(0, 5, 1).fill_(-1);
        Assert.That(x[0, 1, 1].ToInt64(), Is.EqualTo(-1), "element 5 of the flat view is x[0, 1, 1]");
    }

    [Test]
    public void Reshape_copies_a_non_contiguous_tensor_where_view_cannot()
    {
        using var scope = torch.NewDisposeScope();
        var transposed = Cube().transpose(1, 2);
        var expected = new List<long>();
        for (var i = 0; i < 2; i++)
            for (var k = 0; k < 4; k++)
                for (var j = 0; j < 3; j++)
                    expected.Add(12 * i + 4 * j + k);
        Assert.Multiple(() =>
        {
            Assert.That(transposed.reshape(2, 12).Longs(), Is.EqualTo(expected));
            Assert.That(() => transposed.view(2, 12), Throws.TypeOf<TorchException>().With.Property(nameof(TorchException.Operation)).EqualTo("view"));
        });
    }

    [Test]
    public void Permute_moves_dimensions_and_contiguous_lays_the_values_out_again()
    {
        using var scope = torch.NewDisposeScope();
        var p = Cube().permute(2, 0, 1);
        var expected = new List<long>();
        for (var k = 0; k < 4; k++)
            for (var i = 0; i < 2; i++)
                for (var j = 0; j < 3; j++)
                    expected.Add(12 * i + 4 * j + k);
        var c = p.contiguous();
        Assert.Multiple(() =>
        {
            Assert.That(p.shape, Is.EqualTo(new long[] { 4, 2, 3 }));
            Assert.That(p.is_contiguous(), Is.False);
            Assert.That(p[3, 1, 2].ToInt64(), Is.EqualTo(12 + 8 + 3), "p[k, i, j] == x[i, j, k]");
            Assert.That(p.Longs(), Is.EqualTo(expected));
            Assert.That(c.is_contiguous(), Is.True);
            Assert.That(c.Longs(), Is.EqualTo(expected));
        });
    }

    [Test]
    public void Transpose_and_t_swap_two_dimensions()
    {
        using var scope = torch.NewDisposeScope();
        var m = torch.tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3], device);
        Assert.Multiple(() =>
        {
            Assert.That(m.transpose(0, 1).shape, Is.EqualTo(new long[] { 3, 2 }));
            Assert.That(m.transpose(0, 1).Doubles(), Is.EqualTo(new double[] { 1, 4, 2, 5, 3, 6 }));
            Assert.That(m.t().Doubles(), Is.EqualTo(new double[] { 1, 4, 2, 5, 3, 6 }));
            Assert.That(m.transpose(-1, -2).equal(m.t()), Is.True, "negative dimensions count from the end");
        });
    }

    [Test]
    public void Flatten_merges_the_given_range_of_dimensions()
    {
        using var scope = torch.NewDisposeScope();
        var x = Cube();
        Assert.Multiple(() =>
        {
            Assert.That(x.flatten().shape, Is.EqualTo(new long[] { 24 }));
            Assert.That(x.flatten(1).shape, Is.EqualTo(new long[] { 2, 12 }));
            Assert.That(x.flatten(0, 1).shape, Is.EqualTo(new long[] { 6, 4 }));
        });
    }

    [Test]
    public void Cat_joins_along_an_existing_dimension()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new double[] { 1, 2, 3, 4 }, [2, 2], device);
        var b = torch.tensor(new double[] { 5, 6 }, [1, 2], device);
        var c = torch.tensor(new double[] { 7, 8 }, [2, 1], device);
        var rows = torch.cat([a, b]);
        var columns = torch.cat([a, c], dim: 1);
        Assert.Multiple(() =>
        {
            Assert.That(rows.shape, Is.EqualTo(new long[] { 3, 2 }));
            Assert.That(rows.Doubles(), Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6 }));
            Assert.That(columns.shape, Is.EqualTo(new long[] { 2, 3 }));
            Assert.That(columns.Doubles(), Is.EqualTo(new double[] { 1, 2, 7, 3, 4, 8 }));
        });
    }

    [Test]
    public void Stack_joins_along_a_new_dimension()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new double[] { 1, 2, 3 }, device: device);
        var b = torch.tensor(new double[] { 4, 5, 6 }, device: device);
        var first = torch.stack([a, b]);
        var last = torch.stack([a, b], dim: 1);
        Assert.Multiple(() =>
        {
            Assert.That(first.shape, Is.EqualTo(new long[] { 2, 3 }));
            Assert.That(first.Doubles(), Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6 }));
            Assert.That(last.shape, Is.EqualTo(new long[] { 3, 2 }));
            Assert.That(last.Doubles(), Is.EqualTo(new double[] { 1, 4, 2, 5, 3, 6 }));
        });
    }

    [Test]
    public void Split_cuts_equal_pieces_with_a_smaller_last_one_or_the_given_sizes()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(5, device: device);
        var equal = x.split(2);
        var sized = x.split([1, 4]);
        Assert.Multiple(() =>
        {
            Assert.That(equal.Select(p => p.Longs()), Is.EqualTo(new[] { new long[] { 0, 1 }, [2, 3], [4] }));
            Assert.That(sized.Select(p => p.Longs()), Is.EqualTo(new[] { new long[] { 0 }, [1, 2, 3, 4] }));
        });
    }

    [Test]
    public void Chunk_cuts_a_dimension_into_the_given_number_of_pieces()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(8, device: device).view(2, 4);
        var pieces = x.chunk(2, dim: 1);
        var rows = torch.chunk(torch.arange(6, device: device), 3);
        Assert.Multiple(() =>
        {
            Assert.That(pieces, Has.Length.EqualTo(2));
            Assert.That(pieces[0].Longs(), Is.EqualTo(new long[] { 0, 1, 4, 5 }));
            Assert.That(pieces[1].Longs(), Is.EqualTo(new long[] { 2, 3, 6, 7 }));
            Assert.That(rows.Select(p => p.Longs()), Is.EqualTo(new[] { new long[] { 0, 1 }, [2, 3], [4, 5] }));
        });
    }

    [Test]
    public void Narrow_takes_length_elements_from_start()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(12, device: device).view(3, 4);
        var middle = x.narrow(1, 1, 2);
        Assert.Multiple(() =>
        {
            Assert.That(middle.shape, Is.EqualTo(new long[] { 3, 2 }));
            Assert.That(middle.Longs(), Is.EqualTo(new long[] { 1, 2, 5, 6, 9, 10 }));
            Assert.That(torch.narrow(x, 0, 2, 1).Longs(), Is.EqualTo(new long[] { 8, 9, 10, 11 }));
        });
    }

    [Test]
    public void Slice_steps_and_clamps_its_end_like_python()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(7, device: device);
        Assert.Multiple(() =>
        {
            Assert.That(x.slice(0, 1, long.MaxValue, 2).Longs(), Is.EqualTo(new long[] { 1, 3, 5 }));
            Assert.That(x.slice(0, -3, 100).Longs(), Is.EqualTo(new long[] { 4, 5, 6 }), "negative start counts from the end");
            Assert.That(x.slice(0, 5, 2).numel(), Is.EqualTo(0), "an empty range gives an empty tensor");
        });
    }

    [Test]
    public void Expand_broadcasts_size_one_dimensions_without_copying()
    {
        using var scope = torch.NewDisposeScope();
        var column = torch.tensor(new double[] { 1, 2, 3 }, [3, 1], device);
        var wide = column.expand(3, 4);
        var kept = column.expand(-1, 2);
        Assert.Multiple(() =>
        {
            Assert.That(wide.shape, Is.EqualTo(new long[] { 3, 4 }));
            Assert.That(wide.Doubles(), Is.EqualTo(new double[] { 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3 }));
            Assert.That(kept.shape, Is.EqualTo(new long[] { 3, 2 }));
            Assert.That(column.expand_as(torch.zeros([2, 3, 5], device: device)).shape, Is.EqualTo(new long[] { 2, 3, 5 }));
        });
    }

    [Test]
    public void Unsqueeze_inserts_and_squeeze_removes_size_one_dimensions()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.zeros([3, 4], device: device);
        var padded = torch.zeros([1, 3, 1, 4], device: device);
        Assert.Multiple(() =>
        {
            Assert.That(x.unsqueeze(0).shape, Is.EqualTo(new long[] { 1, 3, 4 }));
            Assert.That(x.unsqueeze(-1).shape, Is.EqualTo(new long[] { 3, 4, 1 }));
            Assert.That(x.unsqueeze(1).shape, Is.EqualTo(new long[] { 3, 1, 4 }));
            Assert.That(padded.squeeze().shape, Is.EqualTo(new long[] { 3, 4 }));
            Assert.That(padded.squeeze(2).shape, Is.EqualTo(new long[] { 1, 3, 4 }));
            Assert.That(padded.squeeze(1).shape, Is.EqualTo(new long[] { 1, 3, 1, 4 }), "a dimension larger than one stays");
        });
    }

    [Test]
    public void Repeat_tiles_the_whole_tensor()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new long[] { 1, 2 }, device: device);
        var tiled = x.repeat(2, 3);
        Assert.Multiple(() =>
        {
            Assert.That(tiled.shape, Is.EqualTo(new long[] { 2, 6 }));
            Assert.That(tiled.Longs(), Is.EqualTo(new long[] { 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2 }));
        });
    }

    [Test]
    public void Repeat_interleave_repeats_each_element_in_place()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new long[] { 1, 2, 3 }, device: device);
        var m = torch.tensor(new long[] { 1, 2, 3, 4 }, [2, 2], device);
        Assert.Multiple(() =>
        {
            Assert.That(x.repeat_interleave(2, 0).Longs(), Is.EqualTo(new long[] { 1, 1, 2, 2, 3, 3 }));
            Assert.That(torch.repeat_interleave(m, 2, 1).Longs(), Is.EqualTo(new long[] { 1, 1, 2, 2, 3, 3, 4, 4 }));
            Assert.That(m.repeat_interleave(2, 0).Longs(), Is.EqualTo(new long[] { 1, 2, 1, 2, 3, 4, 3, 4 }));
        });
    }

    [Test]
    public void Tril_and_triu_keep_the_lower_and_upper_triangles_relative_to_a_diagonal()
    {
        using var scope = torch.NewDisposeScope();
        var m = torch.arange(1, 10, device: device).view(3, 3);
        Assert.Multiple(() =>
        {
            Assert.That(m.tril().Longs(), Is.EqualTo(new long[] { 1, 0, 0, 4, 5, 0, 7, 8, 9 }));
            Assert.That(m.triu().Longs(), Is.EqualTo(new long[] { 1, 2, 3, 0, 5, 6, 0, 0, 9 }));
            Assert.That(m.triu(1).Longs(), Is.EqualTo(new long[] { 0, 2, 3, 0, 0, 6, 0, 0, 0 }), "diagonal 1 drops the main diagonal");
            Assert.That(torch.tril(m, -1).Longs(), Is.EqualTo(new long[] { 0, 0, 0, 4, 0, 0, 7, 8, 0 }));
        });
    }

    [Test]
    public void Flip_reverses_the_given_dimensions()
    {
        using var scope = torch.NewDisposeScope();
        var m = torch.arange(6, device: device).view(2, 3);
        Assert.Multiple(() =>
        {
            Assert.That(m.flip(0).Longs(), Is.EqualTo(new long[] { 3, 4, 5, 0, 1, 2 }));
            Assert.That(m.flip(1).Longs(), Is.EqualTo(new long[] { 2, 1, 0, 5, 4, 3 }));
            Assert.That(torch.flip(m, 0, 1).Longs(), Is.EqualTo(new long[] { 5, 4, 3, 2, 1, 0 }));
        });
    }
}
