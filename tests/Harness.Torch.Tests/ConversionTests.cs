using NUnit.Framework;

namespace Harness.Torch.Tests;

/// <summary>dtype and device conversion, copies versus aliases, and reading values back (ToArray, item).</summary>
[TestFixtureSource(typeof(TestDevices), nameof(TestDevices.Available))]
[Fast]
public sealed class ConversionTests(Device device)
{
    private Tensor F32(params float[] values) => torch.tensor(values, device: device);

    [Test]
    public void Float16_rounds_to_the_nearest_half_precision_value()
    {
        using var scope = torch.NewDisposeScope();
        var half = F32(0.5f, -2f, 1f / 3, 70000f).to(torch.float16);
        Assert.Multiple(() =>
        {
            Assert.That(half.dtype, Is.EqualTo(ScalarType.Float16));
            Assert.That(half.ToArray<Half>().Select(h => (double)h), Is.EqualTo(new[] { 0.5, -2, 0.333251953125, double.PositiveInfinity }),
                "1/3 becomes 0x3555; 70000 is above float16's largest finite value 65504");
        });
    }

    [Test]
    public void Bfloat16_keeps_the_float32_range_with_an_8_bit_mantissa()
    {
        using var scope = torch.NewDisposeScope();
        var bf = F32(0.5f, 1f / 3, 70000f).to(torch.bfloat16);
        Assert.Multiple(() =>
        {
            Assert.That(bf.dtype, Is.EqualTo(ScalarType.BFloat16));
            Assert.That(bf.Doubles(), Is.EqualTo(new[] { 0.5, 0.333984375, 70144 }), "round to nearest even on the top 16 bits of float32");
        });
    }

    [Test]
    public void Float64_round_trips_float32_values_exactly()
    {
        using var scope = torch.NewDisposeScope();
        var values = new[] { 0.1f, -3.75f, 1e-30f, 3e38f };
        var wide = F32(values).to(torch.float64);
        Assert.Multiple(() =>
        {
            Assert.That(wide.dtype, Is.EqualTo(ScalarType.Float64));
            Assert.That(wide.ToArray<double>(), Is.EqualTo(values.Select(v => (double)v)));
            Assert.That(wide.to(torch.float32).ToArray<float>(), Is.EqualTo(values));
        });
    }

    [Test]
    public void Integer_conversion_truncates_toward_zero()
    {
        using var scope = torch.NewDisposeScope();
        var x = F32(1.7f, -1.7f, 2.5f, -0.2f);
        Assert.Multiple(() =>
        {
            Assert.That(x.to(torch.int64).ToArray<long>(), Is.EqualTo(new long[] { 1, -1, 2, 0 }));
            Assert.That(x.to(torch.int32).dtype, Is.EqualTo(ScalarType.Int32));
            Assert.That(x.to(torch.int32).ToArray<int>(), Is.EqualTo(new[] { 1, -1, 2, 0 }));
        });
    }

    [Test]
    public void Bool_conversion_is_true_for_nonzero_and_converts_back_to_one_and_zero()
    {
        using var scope = torch.NewDisposeScope();
        var flags = F32(0f, 0.5f, -2f).to(torch.@bool);
        Assert.Multiple(() =>
        {
            Assert.That(flags.dtype, Is.EqualTo(ScalarType.Bool));
            Assert.That(flags.ToArray<bool>(), Is.EqualTo(new[] { false, true, true }));
            Assert.That(flags.to(torch.float32).ToArray<float>(), Is.EqualTo(new[] { 0f, 1f, 1f }));
        });
    }

    [Test]
    public void Type_as_takes_the_other_tensors_dtype()
    {
        using var scope = torch.NewDisposeScope();
        Assert.That(F32(1.5f).type_as(torch.zeros([1], torch.float64, device)).dtype, Is.EqualTo(ScalarType.Float64));
    }

    [Test]
    public void Device_conversion_keeps_values_and_reports_the_device()
    {
        using var scope = torch.NewDisposeScope();
        var onCpu = torch.tensor(new double[] { 1.5, -2, 3 });
        var moved = onCpu.to(device);
        var back = moved.cpu();
        var both = onCpu.to(torch.float32, device);
        Assert.Multiple(() =>
        {
            Assert.That(onCpu.device, Is.EqualTo(Device.CPU));
            Assert.That(moved.device, Is.EqualTo(device));
            Assert.That(moved.ToArray<double>(), Is.EqualTo(new[] { 1.5, -2, 3 }));
            Assert.That(back.device, Is.EqualTo(Device.CPU));
            Assert.That(back.ToArray<double>(), Is.EqualTo(new[] { 1.5, -2, 3 }));
            Assert.That(both.dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That(both.device, Is.EqualTo(device));
            Assert.That(moved.to(device.ToString()).device, Is.EqualTo(device), "a device name parses to the same device");
        });
    }

    [Test]
    public void Device_names_parse_like_torch_device()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Device.Parse("cpu"), Is.EqualTo(Device.CPU));
            Assert.That(Device.Parse("cuda"), Is.EqualTo(Device.CUDA(0)));
            Assert.That(torch.device("CUDA:1"), Is.EqualTo(Device.CUDA(1)));
            Assert.That(Device.CUDA(2).ToString(), Is.EqualTo("cuda:2"));
            Assert.That(() => Device.Parse("tpu"), Throws.TypeOf<FormatException>());
        });
    }

    [Test]
    public void To_without_copy_shares_storage_and_with_copy_does_not()
    {
        using var scope = torch.NewDisposeScope();
        var x = F32(1, 2, 3);
        var same = x.to(torch.float32);
        var copy = x.to(torch.float32, copy: true);
        var cloned = x.clone();
        var alias = x.alias();
        x.fill_(9);
        Assert.Multiple(() =>
        {
            Assert.That(same.ToArray<float>(), Is.All.EqualTo(9f), "a no-op conversion returns the same storage");
            Assert.That(alias.ToArray<float>(), Is.All.EqualTo(9f));
            Assert.That(copy.ToArray<float>(), Is.EqualTo(new[] { 1f, 2f, 3f }));
            Assert.That(cloned.ToArray<float>(), Is.EqualTo(new[] { 1f, 2f, 3f }));
        });
    }

    [Test]
    public void ToArray_reads_a_non_contiguous_view_in_logical_row_major_order()
    {
        using var scope = torch.NewDisposeScope();
        var m = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3], device).t();
        Assert.That(m.ToArray<float>(), Is.EqualTo(new[] { 1f, 4f, 2f, 5f, 3f, 6f }));
    }

    [Test]
    public void ToArray_needs_the_element_type_of_the_dtype()
    {
        using var scope = torch.NewDisposeScope();
        var x = F32(1);
        Assert.That(() => x.ToArray<double>(), Throws.InvalidOperationException.With.Message.Contains("Float32"));
    }

    [Test]
    public void Item_returns_the_value_of_a_one_element_tensor_with_its_kind()
    {
        using var scope = torch.NewDisposeScope();
        var f = F32(2.5f);
        var i = torch.tensor(new long[] { -7 }, device: device);
        var b = torch.tensor(new[] { true }, device: device);
        Assert.Multiple(() =>
        {
            Assert.That(f.item().IsFloatingPoint, Is.True);
            Assert.That(f.item().ToDouble(), Is.EqualTo(2.5));
            Assert.That(f.item<float>(), Is.EqualTo(2.5f));
            Assert.That(f.ToDouble(), Is.EqualTo(2.5));
            Assert.That(i.item().IsFloatingPoint, Is.False);
            Assert.That(i.item<long>(), Is.EqualTo(-7));
            Assert.That(i.item<int>(), Is.EqualTo(-7));
            Assert.That(i.ToInt64(), Is.EqualTo(-7));
            Assert.That(b.item<bool>(), Is.True);
            Assert.That(b.item().ToString(), Is.EqualTo("True"));
        });
    }

    [Test]
    public void Item_of_a_tensor_with_several_elements_is_an_error()
    {
        using var scope = torch.NewDisposeScope();
        var x = F32(1, 2);
        Assert.That(() => x.item(), Throws.TypeOf<TorchException>().With.Property(nameof(TorchException.Operation)).EqualTo("item"));
    }

    [Test]
    public void Metadata_describes_shape_dtype_device_and_size()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.zeros([2, 3, 4], device: device);
        Assert.Multiple(() =>
        {
            Assert.That(x.ndim, Is.EqualTo(3));
            Assert.That(x.dim(), Is.EqualTo(3));
            Assert.That(x.numel(), Is.EqualTo(24));
            Assert.That(x.size(-1), Is.EqualTo(4));
            Assert.That(x.size(0), Is.EqualTo(2));
            Assert.That(() => x.size(3), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(x.is_floating_point(), Is.True);
            Assert.That(x.ToString(), Is.EqualTo($"tensor [2, 3, 4] Float32 {device}"));
            Assert.That(torch.tensor(new long[] { 7 }, device: device).print(), Does.Contain("7"));
        });
    }
}
