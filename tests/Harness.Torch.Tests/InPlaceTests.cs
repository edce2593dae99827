using NUnit.Framework;

namespace Harness.Torch.Tests;

/// <summary>In-place updates: they change the tensor itself (and every view of it) and return it.</summary>
[TestFixtureSource(typeof(TestDevices), nameof(TestDevices.Available))]
[Fast]
public sealed class InPlaceTests(Device device)
{
    private Tensor F64(double[] values, params long[] shape) => torch.tensor(values, shape.Length == 0 ? null : shape, device);

    [Test]
    public void Add_updates_in_place_with_broadcasting_alpha_or_a_scalar_and_returns_the_same_tensor()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([1, 2, 3, 4], 2, 2);
        var returned = x.add_(F64([10, 20]));
        Assert.Multiple(() =>
        {
            Assert.That(returned, Is.SameAs(x));
            Assert.That(x.Doubles(), Is.EqualTo(new double[] { 11, 22, 13, 24 }));
            Assert.That(x.add_(F64([1, 1]), -2).Doubles(), Is.EqualTo(new double[] { 9, 20, 11, 22 }));
            Assert.That(x.add_(0.5).Doubles(), Is.EqualTo(new[] { 9.5, 20.5, 11.5, 22.5 }));
        });
    }

    [Test]
    public void Sub_mul_and_div_update_in_place()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([2, 4, 6]);
        Assert.Multiple(() =>
        {
            Assert.That(x.sub_(F64([1, 1, 1])).Doubles(), Is.EqualTo(new double[] { 1, 3, 5 }));
            Assert.That(x.sub_(F64([1, 1, 1]), 0.5).Doubles(), Is.EqualTo(new[] { 0.5, 2.5, 4.5 }));
            Assert.That(x.mul_(F64([2, 2, 4])).Doubles(), Is.EqualTo(new double[] { 1, 5, 18 }));
            Assert.That(x.mul_(2).Doubles(), Is.EqualTo(new double[] { 2, 10, 36 }));
            Assert.That(x.div_(F64([2, 5, 6])).Doubles(), Is.EqualTo(new double[] { 1, 2, 6 }));
            Assert.That(x.div_(4).Doubles(), Is.EqualTo(new[] { 0.25, 0.5, 1.5 }));
        });
    }

    [Test]
    public void Addcdiv_adds_value_times_the_quotient()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([1, 1]);
        var returned = x.addcdiv_(F64([2, 6]), F64([4, 3]), 0.5);
        Assert.Multiple(() =>
        {
            Assert.That(returned, Is.SameAs(x));
            Assert.That(x.Doubles(), Is.EqualTo(new[] { 1 + 0.5 * 0.5, 1 + 0.5 * 2 }));
            Assert.That(F64([0, 0]).addcdiv_(F64([1, 3]), F64([2, 4])).Doubles(), Is.EqualTo(new[] { 0.5, 0.75 }), "value defaults to 1");
        });
    }

    [Test]
    public void Addcmul_adds_value_times_the_product()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([1, 1]);
        x.addcmul_(F64([2, 6]), F64([4, 3]), 0.5);
        Assert.Multiple(() =>
        {
            Assert.That(x.Doubles(), Is.EqualTo(new double[] { 5, 10 }));
            Assert.That(F64([1, 1]).addcmul_(F64([2, 3]), F64([2, 3])).Doubles(), Is.EqualTo(new double[] { 5, 10 }), "value defaults to 1");
        });
    }

    [Test]
    public void Copy_broadcasts_and_converts_the_source_into_the_destination()
    {
        using var scope = torch.NewDisposeScope();
        var destination = torch.zeros([2, 3], device: device);
        var returned = destination.copy_(torch.tensor(new double[] { 1.5, 2.5, 3.5 }));
        Assert.Multiple(() =>
        {
            Assert.That(returned, Is.SameAs(destination));
            Assert.That(destination.dtype, Is.EqualTo(ScalarType.Float32), "the destination keeps its dtype");
            Assert.That(destination.device, Is.EqualTo(device), "and its device, whatever the source's");
            Assert.That(destination.Doubles(), Is.EqualTo(new[] { 1.5, 2.5, 3.5, 1.5, 2.5, 3.5 }));
        });
    }

    [Test]
    public void Zero_and_fill_overwrite_every_element()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([1, 2, 3]);
        Assert.Multiple(() =>
        {
            Assert.That(x.zero_(), Is.SameAs(x));
            Assert.That(x.Doubles(), Is.All.EqualTo(0.0));
            Assert.That(x.fill_(-2.5).Doubles(), Is.All.EqualTo(-2.5));
            Assert.That(torch.zeros([2], torch.int64, device).fill_(7).Longs(), Is.All.EqualTo(7));
        });
    }

    [Test]
    public void Clamp_and_masked_fill_update_in_place()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([-2, 0, 2]);
        x.clamp_(-1, 1);
        var y = F64([1, 2, 3]);
        y.masked_fill_(y.gt(1.5), 0);
        Assert.Multiple(() =>
        {
            Assert.That(x.Doubles(), Is.EqualTo(new double[] { -1, 0, 1 }));
            Assert.That(y.Doubles(), Is.EqualTo(new double[] { 1, 0, 0 }));
        });
    }

    [Test]
    public void An_in_place_update_of_a_view_changes_its_base()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([1, 2, 3, 4], 2, 2);
        x.narrow(0, 1, 1).mul_(10);
        x.t()[0].add_(100);
        Assert.That(x.Doubles(), Is.EqualTo(new double[] { 101, 2, 130, 40 }));
    }
}
