using NUnit.Framework;

namespace Harness.Torch.Tests;

/// <summary>Reductions over all elements and along dimensions, selection (max/min/argmax/topk),
/// sorting, cumulative sums, norms and logsumexp.</summary>
[TestFixtureSource(typeof(TestDevices), nameof(TestDevices.Available))]
[Fast]
public sealed class ReductionTests(Device device)
{
    private Tensor F64(double[] values, params long[] shape) => torch.tensor(values, shape.Length == 0 ? null : shape, device);

    /// <summary>[[1, 5, 3], [4, 2, 6]].</summary>
    private Tensor X() => F64([1, 5, 3, 4, 2, 6], 2, 3);

    [Test]
    public void Sum_over_everything_or_along_dimensions()
    {
        using var scope = torch.NewDisposeScope();
        var x = X();
        Assert.Multiple(() =>
        {
            Assert.That(torch.sum(x).ndim, Is.EqualTo(0));
            Assert.That(x.sum().ToDouble(), Is.EqualTo(21));
            Assert.That(x.sum(0).Doubles(), Is.EqualTo(new double[] { 5, 7, 9 }));
            Assert.That(x.sum(1).Doubles(), Is.EqualTo(new double[] { 9, 12 }));
            Assert.That(x.sum(-1, keepdim: true).shape, Is.EqualTo(new long[] { 2, 1 }));
            Assert.That(x.sum([0, 1]).ToDouble(), Is.EqualTo(21));
        });
    }

    [Test]
    public void Sum_of_integers_accumulates_in_int64_or_the_requested_dtype()
    {
        using var scope = torch.NewDisposeScope();
        var ints = torch.tensor(new int[] { int.MaxValue, int.MaxValue }, device: device);
        var asDouble = torch.ones([3], device: device).sum(torch.float64);
        Assert.Multiple(() =>
        {
            Assert.That(ints.sum().dtype, Is.EqualTo(ScalarType.Int64));
            Assert.That(ints.sum().ToInt64(), Is.EqualTo(2L * int.MaxValue), "no int32 overflow");
            Assert.That(asDouble.dtype, Is.EqualTo(ScalarType.Float64));
        });
    }

    [Test]
    public void Mean_over_everything_or_along_dimensions()
    {
        using var scope = torch.NewDisposeScope();
        var x = X();
        Assert.Multiple(() =>
        {
            Assert.That(torch.mean(x).ToDouble(), Is.EqualTo(3.5));
            Assert.That(x.mean(0).Doubles(), Is.EqualTo(new[] { 2.5, 3.5, 4.5 }));
            Assert.That(x.mean(1, keepdim: true).Doubles(), Is.EqualTo(new double[] { 3, 4 }));
            Assert.That(x.mean(1, keepdim: true).shape, Is.EqualTo(new long[] { 2, 1 }));
            Assert.That(x.mean([0, 1]).ToDouble(), Is.EqualTo(3.5));
        });
    }

    [Test]
    public void Prod_all_and_any()
    {
        using var scope = torch.NewDisposeScope();
        var flags = torch.tensor(new[] { true, false }, device: device);
        Assert.Multiple(() =>
        {
            Assert.That(X().prod().ToDouble(), Is.EqualTo(720));
            Assert.That(flags.all().item<bool>(), Is.False);
            Assert.That(flags.any().item<bool>(), Is.True);
            Assert.That(X().gt(0).all().item<bool>(), Is.True);
        });
    }

    [Test]
    public void Max_and_min_of_everything()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Multiple(() =>
        {
            Assert.That(X().max().ToDouble(), Is.EqualTo(6));
            Assert.That(X().min().ToDouble(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Max_and_min_along_a_dimension_return_values_and_positions()
    {
        using var scope = torch.NewDisposeScope();
        var (maxValues, maxIndices) = X().max(1);
        var (minValues, minIndices) = X().min(0, keepdim: true);
        Assert.Multiple(() =>
        {
            Assert.That(maxValues.Doubles(), Is.EqualTo(new double[] { 5, 6 }));
            Assert.That(maxIndices.dtype, Is.EqualTo(ScalarType.Int64));
            Assert.That(maxIndices.Longs(), Is.EqualTo(new long[] { 1, 2 }));
            Assert.That(minValues.shape, Is.EqualTo(new long[] { 1, 3 }));
            Assert.That(minValues.Doubles(), Is.EqualTo(new double[] { 1, 2, 3 }));
            Assert.That(minIndices.Longs(), Is.EqualTo(new long[] { 0, 1, 0 }));
        });
    }

    [Test]
    public void Argmax_and_argmin_along_a_dimension_or_of_the_flattened_tensor()
    {
        using var scope = torch.NewDisposeScope();
        var x = X();
        Assert.Multiple(() =>
        {
            Assert.That(torch.argmax(x, 0).Longs(), Is.EqualTo(new long[] { 1, 0, 1 }));
            Assert.That(x.argmax(1, keepdim: true).shape, Is.EqualTo(new long[] { 2, 1 }));
            Assert.That(x.argmax().ToInt64(), Is.EqualTo(5), "flat index of 6");
            Assert.That(x.argmin(1).Longs(), Is.EqualTo(new long[] { 0, 1 }));
            Assert.That(x.argmin().ToInt64(), Is.EqualTo(0));
        });
    }

    [Test]
    public void Topk_returns_the_k_largest_or_smallest_in_order_with_their_positions()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([1, 5, 3, 4, 2]);
        var (largest, largestAt) = torch.topk(x, 3);
        var (smallest, smallestAt) = x.topk(3, largest: false);
        Assert.Multiple(() =>
        {
            Assert.That(largest.Doubles(), Is.EqualTo(new double[] { 5, 4, 3 }));
            Assert.That(largestAt.Longs(), Is.EqualTo(new long[] { 1, 3, 2 }));
            Assert.That(smallest.Doubles(), Is.EqualTo(new double[] { 1, 2, 3 }));
            Assert.That(smallestAt.Longs(), Is.EqualTo(new long[] { 0, 4, 2 }));
        });
    }

    [Test]
    public void Topk_along_the_last_dimension_of_a_matrix()
    {
        using var scope = torch.NewDisposeScope();
        var (values, indices) = X().topk(2);
        Assert.Multiple(() =>
        {
            Assert.That(values.shape, Is.EqualTo(new long[] { 2, 2 }));
            Assert.That(values.Doubles(), Is.EqualTo(new double[] { 5, 3, 6, 4 }));
            Assert.That(indices.Longs(), Is.EqualTo(new long[] { 1, 2, 2, 0 }));
        });
    }

    [Test]
    public void Sort_orders_values_and_reports_where_they_came_from()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([3, 1, 2]);
        var (ascending, ascendingFrom) = x.sort();
        var (descending, descendingFrom) = torch.sort(x, descending: true);
        Assert.Multiple(() =>
        {
            Assert.That(ascending.Doubles(), Is.EqualTo(new double[] { 1, 2, 3 }));
            Assert.That(ascendingFrom.Longs(), Is.EqualTo(new long[] { 1, 2, 0 }));
            Assert.That(descending.Doubles(), Is.EqualTo(new double[] { 3, 2, 1 }));
            Assert.That(descendingFrom.Longs(), Is.EqualTo(new long[] { 0, 2, 1 }));
        });
    }

    [Test]
    public void Stable_sort_keeps_equal_elements_in_their_original_order()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([2, 1, 2, 1, 2]);
        var (_, ascendingFrom) = x.sort(stable: true);
        var (_, descendingFrom) = x.sort(descending: true, stable: true);
        Assert.Multiple(() =>
        {
            Assert.That(ascendingFrom.Longs(), Is.EqualTo(new long[] { 1, 3, 0, 2, 4 }));
            Assert.That(descendingFrom.Longs(), Is.EqualTo(new long[] { 0, 2, 4, 1, 3 }));
        });
    }

    [Test]
    public void Argsort_returns_the_sorting_permutation_along_a_dimension()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Multiple(() =>
        {
            Assert.That(X().argsort().Longs(), Is.EqualTo(new long[] { 0, 2, 1, 1, 0, 2 }));
            Assert.That(torch.argsort(X(), 0, descending: true).Longs(), Is.EqualTo(new long[] { 1, 0, 1, 0, 1, 0 }));
        });
    }

    [Test]
    public void Cumsum_accumulates_along_a_dimension()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Multiple(() =>
        {
            Assert.That(x.cumsum(1).Doubles(), Is.EqualTo(new double[] { 1, 3, 6, 4, 9, 15 }));
            Assert.That(torch.cumsum(x, 0).Doubles(), Is.EqualTo(new double[] { 1, 2, 3, 5, 7, 9 }));
            Assert.That(torch.arange(1, 5, device: device).cumsum(0).Longs(), Is.EqualTo(new long[] { 1, 3, 6, 10 }));
        });
    }

    [Test]
    public void Norm_is_the_vector_p_norm_over_everything_or_along_dimensions()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([3, -4, 6, 8], 2, 2);
        Assert.Multiple(() =>
        {
            Assert.That(F64([3, -4]).norm().ToDouble(), Is.EqualTo(5).Within(1e-15));
            Assert.That(x.norm().ToDouble(), Is.EqualTo(Math.Sqrt(9 + 16 + 36 + 64)).Within(1e-14));
            Assert.That(x.norm(1).ToDouble(), Is.EqualTo(21).Within(1e-14));
            Assert.That(x.norm(double.PositiveInfinity).ToDouble(), Is.EqualTo(8));
            Assert.That(x.norm(2, [1]).Doubles(), Is.EqualTo(new double[] { 5, 10 }).Within(1e-14));
            Assert.That(x.norm(2, [0], keepdim: true).shape, Is.EqualTo(new long[] { 1, 2 }));
        });
    }

    [Test]
    public void Logsumexp_matches_the_reference_and_is_stable_for_large_values()
    {
        using var scope = torch.NewDisposeScope();
        var x = ReferenceMath.Values(3 * 4, seed: 41).Select(v => 5 * v).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(torch.logsumexp(F64(x, 3, 4), 1).Doubles(), Is.EqualTo(ReferenceMath.LogSumExpRows(x, 3, 4)).Within(1e-14));
            Assert.That(F64([1000, 1000]).logsumexp(0).ToDouble(), Is.EqualTo(1000 + Math.Log(2)).Within(1e-12));
            Assert.That(F64(x, 3, 4).logsumexp(0, keepdim: true).shape, Is.EqualTo(new long[] { 1, 4 }));
        });
    }

    [Test]
    public void Allclose_and_equal_compare_whole_tensors()
    {
        using var scope = torch.NewDisposeScope();
        var a = F64([1, 2, 3]);
        Assert.Multiple(() =>
        {
            Assert.That(torch.allclose(a, a + 1e-9), Is.True);
            Assert.That(a.allclose(a + 1e-3), Is.False);
            Assert.That(torch.equal(a, a.clone()), Is.True);
            Assert.That(a.equal(a + 1e-9), Is.False);
        });
    }
}
