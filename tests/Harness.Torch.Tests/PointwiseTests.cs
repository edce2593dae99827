using NUnit.Framework;

namespace Harness.Torch.Tests;

/// <summary>Pointwise math with broadcasting, scalars and type promotion; unary functions against
/// System.Math in float64; comparisons and logical operations.</summary>
[TestFixtureSource(typeof(TestDevices), nameof(TestDevices.Available))]
[Fast]
public sealed class PointwiseTests(Device device)
{
    private static readonly double[] Signed = [-2.5, -1.0, -0.3, 0.0, 0.7, 1.0, 3.1];
    private static readonly double[] Positive = [0.01, 0.3, 1.0, 2.0, 7.5];

    private Tensor F64(double[] values, params long[] shape) => torch.tensor(values, shape.Length == 0 ? null : shape, device);

    /// <summary>[[1, 2, 3], [4, 5, 6]].</summary>
    private Tensor A() => F64([1, 2, 3, 4, 5, 6], 2, 3);

    /// <summary>[10, 20, 30].</summary>
    private Tensor B() => F64([10, 20, 30]);

    private void AssertUnary(Func<Tensor, Tensor> op, Func<double, double> reference, double[] inputs)
    {
        using var scope = torch.NewDisposeScope();
        var result = op(F64(inputs));
        Assert.Multiple(() =>
        {
            Assert.That(result.dtype, Is.EqualTo(ScalarType.Float64));
            Assert.That(result.Doubles(), Is.EqualTo(inputs.Select(reference)).Within(1e-12));
        });
    }

    [Test]
    public void Add_broadcasts_a_row_over_every_row()
    {
        using var scope = torch.NewDisposeScope();
        Assert.That((A() + B()).Doubles(), Is.EqualTo(new double[] { 11, 22, 33, 14, 25, 36 }));
    }

    [Test]
    public void Add_broadcasts_a_column_against_a_row_into_an_outer_sum()
    {
        using var scope = torch.NewDisposeScope();
        var column = F64([1, 2], 2, 1);
        var row = F64([10, 20, 30], 1, 3);
        var sum = column.add(row);
        Assert.Multiple(() =>
        {
            Assert.That(sum.shape, Is.EqualTo(new long[] { 2, 3 }));
            Assert.That(sum.Doubles(), Is.EqualTo(new double[] { 11, 21, 31, 12, 22, 32 }));
        });
    }

    [Test]
    public void Add_and_sub_scale_the_other_operand_by_alpha()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Multiple(() =>
        {
            Assert.That(A().add(B(), 2).Doubles(), Is.EqualTo(new double[] { 21, 42, 63, 24, 45, 66 }));
            Assert.That(torch.add(A(), B(), 0.5).Doubles(), Is.EqualTo(new double[] { 6, 12, 18, 9, 15, 21 }));
            Assert.That(A().sub(B(), 2).Doubles(), Is.EqualTo(new double[] { -19, -38, -57, -16, -35, -54 }));
        });
    }

    [Test]
    public void Scalar_operands_work_on_either_side()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Multiple(() =>
        {
            Assert.That((A() + 0.5).Doubles(), Is.EqualTo(new[] { 1.5, 2.5, 3.5, 4.5, 5.5, 6.5 }));
            Assert.That((0.5 + A()).Doubles(), Is.EqualTo(new[] { 1.5, 2.5, 3.5, 4.5, 5.5, 6.5 }));
            Assert.That((A() - 1).Doubles(), Is.EqualTo(new double[] { 0, 1, 2, 3, 4, 5 }));
            Assert.That((10 - A()).Doubles(), Is.EqualTo(new double[] { 9, 8, 7, 6, 5, 4 }));
            Assert.That((A() * 2).Doubles(), Is.EqualTo(new double[] { 2, 4, 6, 8, 10, 12 }));
            Assert.That((3 * A()).Doubles(), Is.EqualTo(new double[] { 3, 6, 9, 12, 15, 18 }));
            Assert.That((A() / 4).Doubles(), Is.EqualTo(new[] { 0.25, 0.5, 0.75, 1, 1.25, 1.5 }));
            Assert.That((12 / A()).Doubles(), Is.EqualTo(new double[] { 12, 6, 4, 3, 2.4, 2 }).Within(1e-15));
            Assert.That((-A()).Doubles(), Is.EqualTo(new double[] { -1, -2, -3, -4, -5, -6 }));
        });
    }

    [Test]
    public void Sub_mul_and_div_broadcast_elementwise()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Multiple(() =>
        {
            Assert.That((A() - B()).Doubles(), Is.EqualTo(new double[] { -9, -18, -27, -6, -15, -24 }));
            Assert.That((A() * B()).Doubles(), Is.EqualTo(new double[] { 10, 40, 90, 40, 100, 180 }));
            Assert.That((B() / A()).Doubles(), Is.EqualTo(new double[] { 10, 10, 10, 2.5, 4, 5 }));
            Assert.That(torch.mul(A(), B()).equal(A().mul(B())), Is.True);
            Assert.That(torch.div(A(), B()).Doubles(), Is.EqualTo(new[] { 0.1, 0.1, 0.1, 0.4, 0.25, 0.2 }).Within(1e-15));
        });
    }

    [Test]
    public void Integer_tensors_stay_integer_with_integer_scalars_and_divide_truly()
    {
        using var scope = torch.NewDisposeScope();
        var ints = torch.arange(1, 4, device: device);
        var plusTwo = ints + 2;
        var timesHalf = ints * 2.5;
        var halved = ints / 2;
        var reciprocal = 1 / ints;
        Assert.Multiple(() =>
        {
            Assert.That(plusTwo.dtype, Is.EqualTo(ScalarType.Int64));
            Assert.That(plusTwo.Longs(), Is.EqualTo(new long[] { 3, 4, 5 }));
            Assert.That(timesHalf.dtype, Is.EqualTo(ScalarType.Float32), "a floating scalar promotes to the default float dtype");
            Assert.That(timesHalf.Doubles(), Is.EqualTo(new[] { 2.5, 5, 7.5 }));
            Assert.That(halved.dtype, Is.EqualTo(ScalarType.Float32), "div is true division");
            Assert.That(halved.Doubles(), Is.EqualTo(new[] { 0.5, 1, 1.5 }));
            Assert.That(reciprocal.dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That(reciprocal.Doubles(), Is.EqualTo(new[] { 1, 0.5, 1 / 3.0 }).Within(1e-7));
        });
    }

    [Test]
    public void Mixed_dtypes_promote_to_the_wider_one_but_scalars_do_not_widen_floats()
    {
        using var scope = torch.NewDisposeScope();
        var f32 = torch.ones([2], device: device);
        var f64 = torch.ones([2], torch.float64, device);
        var i64 = torch.ones([2], torch.int64, device);
        Assert.Multiple(() =>
        {
            Assert.That((f32 + f64).dtype, Is.EqualTo(ScalarType.Float64));
            Assert.That((i64 + f32).dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That((f32 + 1e-3).dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That((i64 + i64).dtype, Is.EqualTo(ScalarType.Int64));
        });
    }

    [Test]
    public void Pow_takes_scalar_or_tensor_exponents_and_scalar_bases()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Multiple(() =>
        {
            Assert.That(A().pow(2).Doubles(), Is.EqualTo(new double[] { 1, 4, 9, 16, 25, 36 }));
            Assert.That(A().pow(0.5).Doubles(), Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6 }.Select(Math.Sqrt)).Within(1e-15));
            Assert.That(A().pow(F64([0, 1, 2])).Doubles(), Is.EqualTo(new double[] { 1, 2, 9, 1, 5, 36 }));
            Assert.That(torch.pow(2, F64([0, 1, 3, -1])).Doubles(), Is.EqualTo(new[] { 1, 2, 8, 0.5 }));
            Assert.That(torch.pow(F64([3]), 3).Doubles(), Is.EqualTo(new double[] { 27 }));
        });
    }

    [Test]
    public void Sqrt_matches_Math() => AssertUnary(t => t.sqrt(), Math.Sqrt, Positive);

    [Test]
    public void Rsqrt_is_one_over_sqrt() => AssertUnary(torch.rsqrt, x => 1 / Math.Sqrt(x), Positive);

    [Test]
    public void Exp_matches_Math() => AssertUnary(torch.exp, Math.Exp, Signed);

    [Test]
    public void Log_matches_Math() => AssertUnary(torch.log, Math.Log, Positive);

    [Test]
    public void Log1p_matches_log_of_one_plus_x() => AssertUnary(torch.log1p, x => Math.Log(1 + x), Positive);

    [Test]
    public void Log1p_is_accurate_for_tiny_x_where_log_of_one_plus_x_is_not()
    {
        using var scope = torch.NewDisposeScope();
        const double x = 1e-10;
        var expected = x - x * x / 2; // Taylor series; the next term is 3e-31
        Assert.Multiple(() =>
        {
            Assert.That(F64([x]).log1p().ToDouble(), Is.EqualTo(expected).Within(1e-25));
            Assert.That(Math.Log(1 + x), Is.Not.EqualTo(expected).Within(1e-20), "the naive form loses digits, so this test can tell them apart");
        });
    }

    [Test]
    public void Abs_and_neg_and_sign() 
    {
        AssertUnary(torch.abs, Math.Abs, Signed);
        AssertUnary(torch.neg, x => -x, Signed);
        AssertUnary(t => t.sign(), x => Math.Sign(x), Signed);
    }

    [Test]
    public void Square_and_reciprocal()
    {
        AssertUnary(t => t.square(), x => x * x, Signed);
        AssertUnary(t => t.reciprocal(), x => 1 / x, Positive);
    }

    [Test]
    public void Sin_and_cos_match_Math()
    {
        AssertUnary(torch.sin, Math.Sin, Signed);
        AssertUnary(torch.cos, Math.Cos, Signed);
    }

    [Test]
    public void Tanh_matches_Math() => AssertUnary(torch.tanh, Math.Tanh, Signed);

    [Test]
    public void Sigmoid_is_one_over_one_plus_exp_minus_x() => AssertUnary(torch.sigmoid, ReferenceMath.Sigmoid, Signed);

    [Test]
    public void Relu_zeroes_negative_values() => AssertUnary(t => t.relu(), x => Math.Max(0, x), Signed);

    [Test]
    public void Floor_ceil_and_round_half_to_even()
    {
        AssertUnary(t => t.floor(), Math.Floor, [-1.5, -0.5, 0.5, 1.5, 2.5]);
        AssertUnary(t => t.ceil(), Math.Ceiling, [-1.5, -0.5, 0.5, 1.5, 2.5]);
        AssertUnary(t => t.round(), x => Math.Round(x, MidpointRounding.ToEven), [-1.5, -0.5, 0.5, 1.5, 2.5]);
    }

    [Test]
    public void Float32_unary_results_are_within_float32_rounding_of_the_float64_reference()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(Signed.Select(v => (float)v).ToArray(), device: device);
        var inputs = Signed.Select(v => (double)(float)v).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(x.exp().dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That(x.exp().Doubles(), Is.EqualTo(inputs.Select(Math.Exp)).Within(1e-4).Percent);
            Assert.That(x.tanh().Doubles(), Is.EqualTo(inputs.Select(Math.Tanh)).Within(1e-6));
            Assert.That(x.sigmoid().Doubles(), Is.EqualTo(inputs.Select(ReferenceMath.Sigmoid)).Within(1e-6));
        });
    }

    [Test]
    public void Clamp_limits_to_either_or_both_bounds()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([-2, -0.5, 0.5, 2]);
        var ints = torch.tensor(new long[] { -5, 0, 5 }, device: device);
        Assert.Multiple(() =>
        {
            Assert.That(x.clamp(-1, 1).Doubles(), Is.EqualTo(new[] { -1, -0.5, 0.5, 1 }));
            Assert.That(x.clamp(min: 0).Doubles(), Is.EqualTo(new[] { 0, 0, 0.5, 2 }));
            Assert.That(torch.clamp(x, max: 0).Doubles(), Is.EqualTo(new[] { -2, -0.5, 0, 0 }));
            Assert.That(ints.clamp(-1, 1).dtype, Is.EqualTo(ScalarType.Int64));
            Assert.That(ints.clamp(-1, 1).Longs(), Is.EqualTo(new long[] { -1, 0, 1 }));
        });
    }

    [Test]
    public void Maximum_and_minimum_compare_elementwise_with_broadcasting()
    {
        using var scope = torch.NewDisposeScope();
        var threshold = F64([2.5]);
        Assert.Multiple(() =>
        {
            Assert.That(torch.maximum(A(), threshold).Doubles(), Is.EqualTo(new[] { 2.5, 2.5, 3, 4, 5, 6 }));
            Assert.That(A().minimum(threshold).Doubles(), Is.EqualTo(new[] { 1, 2, 2.5, 2.5, 2.5, 2.5 }));
        });
    }

    [Test]
    public void Comparisons_with_tensors_give_bool_tensors()
    {
        using var scope = torch.NewDisposeScope();
        var a = F64([1, 2, 3]);
        var b = F64([3, 2, 1]);
        Assert.Multiple(() =>
        {
            Assert.That(a.eq(b).dtype, Is.EqualTo(ScalarType.Bool));
            Assert.That(a.eq(b).Bools(), Is.EqualTo(new[] { false, true, false }));
            Assert.That(a.ne(b).Bools(), Is.EqualTo(new[] { true, false, true }));
            Assert.That(a.lt(b).Bools(), Is.EqualTo(new[] { true, false, false }));
            Assert.That(a.le(b).Bools(), Is.EqualTo(new[] { true, true, false }));
            Assert.That(a.gt(b).Bools(), Is.EqualTo(new[] { false, false, true }));
            Assert.That(a.ge(b).Bools(), Is.EqualTo(new[] { false, true, true }));
        });
    }

    [Test]
    public void Comparisons_with_scalars_and_broadcasting()
    {
        using var scope = torch.NewDisposeScope();
        var a = F64([1, 2, 3]);
        var column = F64([2, 3], 2, 1);
        Assert.Multiple(() =>
        {
            Assert.That(a.eq(2).Bools(), Is.EqualTo(new[] { false, true, false }));
            Assert.That(a.ne(2).Bools(), Is.EqualTo(new[] { true, false, true }));
            Assert.That(a.lt(2).Bools(), Is.EqualTo(new[] { true, false, false }));
            Assert.That(a.le(2).Bools(), Is.EqualTo(new[] { true, true, false }));
            Assert.That(a.gt(2.5).Bools(), Is.EqualTo(new[] { false, false, true }));
            Assert.That(a.ge(2).Bools(), Is.EqualTo(new[] { false, true, true }));
            Assert.That(a.lt(column).Bools(), Is.EqualTo(new[] { true, false, false, true, true, false }));
        });
    }

    [Test]
    public void Logical_operations_and_finiteness_predicates()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.tensor(new[] { true, true, false, false }, device: device);
        var q = torch.tensor(new[] { true, false, true, false }, device: device);
        var special = F64([1, double.NaN, double.PositiveInfinity, double.NegativeInfinity]);
        Assert.Multiple(() =>
        {
            Assert.That(p.logical_and(q).Bools(), Is.EqualTo(new[] { true, false, false, false }));
            Assert.That(p.logical_or(q).Bools(), Is.EqualTo(new[] { true, true, true, false }));
            Assert.That(p.logical_not().Bools(), Is.EqualTo(new[] { false, false, true, true }));
            Assert.That(torch.isnan(special).Bools(), Is.EqualTo(new[] { false, true, false, false }));
            Assert.That(special.isinf().Bools(), Is.EqualTo(new[] { false, false, true, true }));
            Assert.That(torch.isfinite(special).Bools(), Is.EqualTo(new[] { true, false, false, false }));
        });
    }
}
