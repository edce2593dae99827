using NUnit.Framework;

namespace Harness.Torch.Tests;

/// <summary>Creation ops: from .NET arrays and spans, constant fills, ranges and the identity.</summary>
[TestFixtureSource(typeof(TestDevices), nameof(TestDevices.Available))]
[Fast]
public sealed class CreationTests(Device device)
{
    [Test]
    public void Tensor_from_an_array_keeps_values_and_takes_dtype_from_the_element_type()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.tensor(new float[] { 1.5f, -2f, 3.25f }, device: device);
        Assert.Multiple(() =>
        {
            Assert.That(t.shape, Is.EqualTo(new long[] { 3 }));
            Assert.That(t.dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That(t.device, Is.EqualTo(device));
            Assert.That(t.ToArray<float>(), Is.EqualTo(new[] { 1.5f, -2f, 3.25f }));
        });
    }

    [Test]
    public void Tensor_from_a_span_copies_the_slice_into_the_given_shape_row_major()
    {
        using var scope = torch.NewDisposeScope();
        var buffer = new double[] { 99, 1, 2, 3, 4, 5, 6, 99 };
        var t = torch.tensor((ReadOnlySpan<double>)buffer.AsSpan(1, 6), [2, 3], device);
        buffer[1] = -1;
        Assert.Multiple(() =>
        {
            Assert.That(t.shape, Is.EqualTo(new long[] { 2, 3 }));
            Assert.That(t.dtype, Is.EqualTo(ScalarType.Float64));
            Assert.That(t.Doubles(), Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6 }), "a copy: later writes to the buffer do not show");
            Assert.That(t[1, 0].ToDouble(), Is.EqualTo(4.0), "row-major: [1, 0] is the fourth value");
        });
    }

    [Test]
    public void Tensor_from_a_two_dimensional_array_keeps_its_rows()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }, device);
        Assert.Multiple(() =>
        {
            Assert.That(t.shape, Is.EqualTo(new long[] { 2, 3 }));
            Assert.That(t[1].Doubles(), Is.EqualTo(new double[] { 4, 5, 6 }));
        });
    }

    [Test]
    public void Each_element_type_maps_to_its_dtype()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Multiple(() =>
        {
            Assert.That(torch.tensor(new double[] { 1 }, device: device).dtype, Is.EqualTo(ScalarType.Float64));
            Assert.That(torch.tensor(new long[] { 1 }, device: device).dtype, Is.EqualTo(ScalarType.Int64));
            Assert.That(torch.tensor(new int[] { 1 }, device: device).dtype, Is.EqualTo(ScalarType.Int32));
            Assert.That(torch.tensor(new bool[] { true }, device: device).dtype, Is.EqualTo(ScalarType.Bool));
            Assert.That(torch.tensor(new Half[] { (Half)1 }, device: device).dtype, Is.EqualTo(ScalarType.Float16));
        });
    }

    [Test]
    public void Integer_and_bool_arrays_round_trip_exactly()
    {
        using var scope = torch.NewDisposeScope();
        var longs = new[] { long.MinValue, -1, 0, 1L << 53 | 1, long.MaxValue };
        var bools = new[] { true, false, false, true };
        Assert.Multiple(() =>
        {
            Assert.That(torch.tensor(longs, device: device).ToArray<long>(), Is.EqualTo(longs));
            Assert.That(torch.tensor(bools, device: device).ToArray<bool>(), Is.EqualTo(bools));
        });
    }

    [Test]
    public void Tensor_rejects_a_shape_that_does_not_hold_the_data()
    {
        Assert.That(() => torch.tensor(new float[] { 1, 2, 3 }, [2, 2], device), Throws.ArgumentException.With.Message.Contains("holds 4 elements"));
    }

    [Test]
    public void Zeros_ones_and_full_fill_the_shape_in_the_requested_dtype()
    {
        using var scope = torch.NewDisposeScope();
        var zeros = torch.zeros([2, 3], torch.int64, device);
        var ones = torch.ones([4], torch.float64, device);
        var full = torch.full([2, 2], 2.5, device: device);
        var fullInt = torch.full([3], 7, torch.int32, device);
        Assert.Multiple(() =>
        {
            Assert.That(zeros.shape, Is.EqualTo(new long[] { 2, 3 }));
            Assert.That(zeros.dtype, Is.EqualTo(ScalarType.Int64));
            Assert.That(zeros.Longs(), Is.All.EqualTo(0));
            Assert.That(ones.dtype, Is.EqualTo(ScalarType.Float64));
            Assert.That(ones.Doubles(), Is.EqualTo(new double[] { 1, 1, 1, 1 }));
            Assert.That(full.dtype, Is.EqualTo(ScalarType.Float32), "float32 is the default dtype");
            Assert.That(full.Doubles(), Is.EqualTo(new[] { 2.5, 2.5, 2.5, 2.5 }));
            Assert.That(fullInt.ToArray<int>(), Is.EqualTo(new[] { 7, 7, 7 }));
            Assert.That(zeros.device, Is.EqualTo(device));
        });
    }

    [Test]
    public void Like_constructors_copy_shape_dtype_and_device()
    {
        using var scope = torch.NewDisposeScope();
        var template = torch.tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [3, 2], device);
        var zeros = torch.zeros_like(template);
        var ones = torch.ones_like(template);
        var full = torch.full_like(template, -3);
        Assert.Multiple(() =>
        {
            foreach (var t in new[] { zeros, ones, full })
            {
                Assert.That(t.shape, Is.EqualTo(new long[] { 3, 2 }));
                Assert.That(t.dtype, Is.EqualTo(ScalarType.Float64));
                Assert.That(t.device, Is.EqualTo(device));
            }

            Assert.That(zeros.Doubles(), Is.All.EqualTo(0.0));
            Assert.That(ones.Doubles(), Is.All.EqualTo(1.0));
            Assert.That(full.Doubles(), Is.All.EqualTo(-3.0));
        });
    }

    [Test]
    public void Arange_with_integer_bounds_counts_in_int64()
    {
        using var scope = torch.NewDisposeScope();
        var upTo = torch.arange(5, device: device);
        var stepped = torch.arange(1, 10, 3, device: device);
        Assert.Multiple(() =>
        {
            Assert.That(upTo.dtype, Is.EqualTo(ScalarType.Int64));
            Assert.That(upTo.ToArray<long>(), Is.EqualTo(new long[] { 0, 1, 2, 3, 4 }));
            Assert.That(stepped.ToArray<long>(), Is.EqualTo(new long[] { 1, 4, 7 }), "the end is excluded");
        });
    }

    [Test]
    public void Arange_with_a_floating_bound_gives_float32_or_the_requested_dtype()
    {
        using var scope = torch.NewDisposeScope();
        var quarters = torch.arange(0, 1, 0.25, device: device);
        var asDouble = torch.arange(0, 3, dtype: torch.float64, device: device);
        var negative = torch.arange(2.0, -1.0, -1.0, device: device);
        Assert.Multiple(() =>
        {
            Assert.That(quarters.dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That(quarters.Doubles(), Is.EqualTo(new[] { 0, 0.25, 0.5, 0.75 }));
            Assert.That(asDouble.dtype, Is.EqualTo(ScalarType.Float64));
            Assert.That(asDouble.Doubles(), Is.EqualTo(new double[] { 0, 1, 2 }));
            Assert.That(negative.Doubles(), Is.EqualTo(new double[] { 2, 1, 0 }));
        });
    }

    [Test]
    public void Linspace_includes_both_ends()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.linspace(0, 1, 5, device: device);
        var d = torch.linspace(-1, 1, 3, torch.float64, device);
        Assert.Multiple(() =>
        {
            Assert.That(t.Doubles(), Is.EqualTo(new[] { 0, 0.25, 0.5, 0.75, 1 }).Within(1e-7));
            Assert.That(d.dtype, Is.EqualTo(ScalarType.Float64));
            Assert.That(d.Doubles(), Is.EqualTo(new double[] { -1, 0, 1 }));
        });
    }

    [Test]
    public void Eye_is_one_on_the_diagonal_and_zero_elsewhere()
    {
        using var scope = torch.NewDisposeScope();
        var square = torch.eye(3, device: device);
        var wide = torch.eye(2, 3, torch.int64, device);
        Assert.Multiple(() =>
        {
            Assert.That(square.Doubles(), Is.EqualTo(new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }));
            Assert.That(wide.shape, Is.EqualTo(new long[] { 2, 3 }));
            Assert.That(wide.Longs(), Is.EqualTo(new long[] { 1, 0, 0, 0, 1, 0 }));
        });
    }

    [Test]
    public void Scalar_tensor_has_no_dimensions()
    {
        using var scope = torch.NewDisposeScope();
        var f = torch.scalar_tensor(2.5, device: device);
        var i = torch.scalar_tensor(7, device: device);
        Assert.Multiple(() =>
        {
            Assert.That(f.ndim, Is.EqualTo(0));
            Assert.That(f.numel(), Is.EqualTo(1));
            Assert.That(f.dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That(f.ToDouble(), Is.EqualTo(2.5));
            Assert.That(i.dtype, Is.EqualTo(ScalarType.Int64));
            Assert.That(i.ToInt64(), Is.EqualTo(7));
        });
    }

    [Test]
    public void Requires_grad_at_creation_makes_a_leaf_that_records()
    {
        using var scope = torch.NewDisposeScope();
        var fromData = torch.tensor(new double[] { 1, 2 }, device: device, requires_grad: true);
        var zeros = torch.zeros([2], device: device, requires_grad: true);
        Assert.Multiple(() =>
        {
            Assert.That(fromData.requires_grad, Is.True);
            Assert.That(fromData.is_leaf, Is.True);
            Assert.That(zeros.requires_grad, Is.True);
            Assert.That(torch.ones([2], device: device).requires_grad, Is.False);
        });
    }
}
