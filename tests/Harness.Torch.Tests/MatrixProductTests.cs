using NUnit.Framework;

namespace Harness.Torch.Tests;

/// <summary>matmul (with its vector and batch-broadcasting cases) and bmm against hand values and a
/// float64 triple loop.</summary>
[TestFixtureSource(typeof(TestDevices), nameof(TestDevices.Available))]
[Fast]
public sealed class MatrixProductTests(Device device)
{
    private Tensor F64(double[] values, params long[] shape) => torch.tensor(values, shape.Length == 0 ? null : shape, device);

    [Test]
    public void Matmul_of_two_matrices_matches_the_hand_computed_product()
    {
        using var scope = torch.NewDisposeScope();
        var a = F64([1, 2, 3, 4, 5, 6], 2, 3);
        var b = F64([7, 8, 9, 10, 11, 12], 3, 2);
        var c = torch.matmul(a, b);
        Assert.Multiple(() =>
        {
            Assert.That(c.shape, Is.EqualTo(new long[] { 2, 2 }));
            Assert.That(c.Doubles(), Is.EqualTo(new double[] { 58, 64, 139, 154 }));
        });
    }

    [Test]
    public void Matmul_matches_a_float64_reference_loop()
    {
        using var scope = torch.NewDisposeScope();
        var a = ReferenceMath.Values(5 * 7, seed: 1);
        var b = ReferenceMath.Values(7 * 3, seed: 2);
        var c = F64(a, 5, 7).matmul(F64(b, 7, 3));
        Assert.That(c.Doubles(), Is.EqualTo(ReferenceMath.MatMul(a, b, 5, 7, 3)).Within(1e-14));
    }

    [Test]
    public void Float32_matmul_of_a_larger_matrix_is_within_float32_accuracy_of_float64()
    {
        using var scope = torch.NewDisposeScope();
        const int n = 64;
        var a = ReferenceMath.Values(n * n, seed: 3).Select(v => (double)(float)v).ToArray();
        var b = ReferenceMath.Values(n * n, seed: 4).Select(v => (double)(float)v).ToArray();
        var c = torch.tensor(a.Select(v => (float)v).ToArray(), [n, n], device)
            .matmul(torch.tensor(b.Select(v => (float)v).ToArray(), [n, n], device));
        Assert.Multiple(() =>
        {
            Assert.That(c.dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That(c.Doubles(), Is.EqualTo(ReferenceMath.MatMul(a, b, n, n, n)).Within(1e-4));
        });
    }

    [Test]
    public void Matmul_broadcasts_a_matrix_over_a_batch()
    {
        using var scope = torch.NewDisposeScope();
        var a = ReferenceMath.Values(2 * 3 * 4, seed: 5);
        var b = ReferenceMath.Values(4 * 5, seed: 6);
        var c = F64(a, 2, 3, 4).matmul(F64(b, 4, 5));
        var expected = ReferenceMath.MatMul(a[..12], b, 3, 4, 5).Concat(ReferenceMath.MatMul(a[12..], b, 3, 4, 5));
        Assert.Multiple(() =>
        {
            Assert.That(c.shape, Is.EqualTo(new long[] { 2, 3, 5 }));
            Assert.That(c.Doubles(), Is.EqualTo(expected).Within(1e-14));
        });
    }

    [Test]
    public void Matmul_with_vectors_drops_the_vector_dimension()
    {
        using var scope = torch.NewDisposeScope();
        var v = F64([1, 2, 3]);
        var m = F64([1, 0, 0, 1, 1, 1], 3, 2);
        var vm = v.matmul(m);
        var mv = m.t().matmul(v);
        var dot = v.matmul(v);
        Assert.Multiple(() =>
        {
            Assert.That(vm.shape, Is.EqualTo(new long[] { 2 }));
            Assert.That(vm.Doubles(), Is.EqualTo(new double[] { 4, 5 }));
            Assert.That(mv.Doubles(), Is.EqualTo(new double[] { 4, 5 }));
            Assert.That(dot.ndim, Is.EqualTo(0));
            Assert.That(dot.ToDouble(), Is.EqualTo(14));
        });
    }

    [Test]
    public void Bmm_multiplies_matching_batches()
    {
        using var scope = torch.NewDisposeScope();
        var a = ReferenceMath.Values(2 * 2 * 3, seed: 7);
        var b = ReferenceMath.Values(2 * 3 * 4, seed: 8);
        var c = torch.bmm(F64(a, 2, 2, 3), F64(b, 2, 3, 4));
        var expected = ReferenceMath.MatMul(a[..6], b[..12], 2, 3, 4).Concat(ReferenceMath.MatMul(a[6..], b[12..], 2, 3, 4));
        Assert.Multiple(() =>
        {
            Assert.That(c.shape, Is.EqualTo(new long[] { 2, 2, 4 }));
            Assert.That(c.Doubles(), Is.EqualTo(expected).Within(1e-14));
        });
    }

    [Test]
    public void Matmul_of_a_transposed_view_uses_the_logical_layout()
    {
        using var scope = torch.NewDisposeScope();
        var a = F64([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.That(a.t().matmul(a).Doubles(), Is.EqualTo(new double[] { 17, 22, 27, 22, 29, 36, 27, 36, 45 }));
    }
}
