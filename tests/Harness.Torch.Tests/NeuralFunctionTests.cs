using NUnit.Framework;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Torch.Tests;

/// <summary>torch.nn.functional: linear, activations, softmax and log_softmax, layer_norm, rms_norm,
/// embedding and dropout, against float64 references written from their definitions.</summary>
[TestFixtureSource(typeof(TestDevices), nameof(TestDevices.Available))]
[Fast]
public sealed class NeuralFunctionTests(Device device)
{
    private static readonly double[] Inputs = [-3.0, -1.7, -0.5, -0.1, 0.0, 0.2, 0.9, 1.5, 2.8];

    private Tensor F64(double[] values, params long[] shape) => torch.tensor(values, shape.Length == 0 ? null : shape, device);

    [Test]
    public void Linear_is_x_times_weight_transposed_plus_bias()
    {
        using var scope = torch.NewDisposeScope();
        var x = ReferenceMath.Values(2 * 3, seed: 11);
        var w = ReferenceMath.Values(4 * 3, seed: 12);
        var b = ReferenceMath.Values(4, seed: 13);
        var wT = new double[3 * 4];
        for (var o = 0; o < 4; o++)
            for (var i = 0; i < 3; i++) wT[i * 4 + o] = w[o * 3 + i];
        var xwT = ReferenceMath.MatMul(x, wT, 2, 3, 4);
        var withBias = F.linear(F64(x, 2, 3), F64(w, 4, 3), F64(b));
        var withoutBias = F.linear(F64(x, 2, 3), F64(w, 4, 3));
        Assert.Multiple(() =>
        {
            Assert.That(withBias.shape, Is.EqualTo(new long[] { 2, 4 }));
            Assert.That(withBias.Doubles(), Is.EqualTo(xwT.Select((v, k) => v + b[k % 4])).Within(1e-14));
            Assert.That(withoutBias.Doubles(), Is.EqualTo(xwT).Within(1e-14));
        });
    }

    [Test]
    public void Gelu_exact_is_x_times_the_normal_cdf()
    {
        using var scope = torch.NewDisposeScope();
        var y = F.gelu(F64(Inputs));
        Assert.Multiple(() =>
        {
            Assert.That(y.Doubles(), Is.EqualTo(Inputs.Select(ReferenceMath.Gelu)).Within(1e-12));
            // Phi(1) = 0.8413447460685429 from the normal table, so gelu(1) = Phi(1).
            Assert.That(F.gelu(F64([1.0])).ToDouble(), Is.EqualTo(0.8413447460685429).Within(1e-15));
        });
    }

    [Test]
    public void Gelu_tanh_is_the_tanh_approximation_and_differs_from_exact()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64(Inputs);
        var approximate = F.gelu(x, GeluApproximation.Tanh);
        var exact = F.gelu(x);
        Assert.Multiple(() =>
        {
            Assert.That(approximate.Doubles(), Is.EqualTo(Inputs.Select(ReferenceMath.GeluTanh)).Within(1e-12));
            Assert.That(approximate.sub(exact).abs().max().ToDouble(), Is.GreaterThan(1e-5), "the two forms must be distinguishable");
        });
    }

    [Test]
    public void Silu_is_x_times_sigmoid_x()
    {
        using var scope = torch.NewDisposeScope();
        Assert.That(F.silu(F64(Inputs)).Doubles(), Is.EqualTo(Inputs.Select(v => v * ReferenceMath.Sigmoid(v))).Within(1e-12));
    }

    [Test]
    public void Relu_is_max_of_zero_and_x()
    {
        using var scope = torch.NewDisposeScope();
        Assert.That(F.relu(F64(Inputs)).Doubles(), Is.EqualTo(Inputs.Select(v => Math.Max(0, v))));
    }

    [Test]
    public void Softmax_over_the_last_dimension_matches_the_reference_and_sums_to_one()
    {
        using var scope = torch.NewDisposeScope();
        var x = ReferenceMath.Values(3 * 5, seed: 21).Select(v => 4 * v).ToArray();
        var y = F.softmax(F64(x, 3, 5), -1);
        Assert.Multiple(() =>
        {
            Assert.That(y.Doubles(), Is.EqualTo(ReferenceMath.SoftmaxRows(x, 3, 5)).Within(1e-15));
            Assert.That(y.sum(1).Doubles(), Is.EqualTo(new double[] { 1, 1, 1 }).Within(1e-15));
        });
    }

    [Test]
    public void Softmax_over_the_first_dimension_normalises_columns()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([0, 1, 2, 2, 1, 0], 2, 3);
        var y = torch.softmax(x, 0);
        var e = 1 / (1 + Math.Exp(-2));
        Assert.That(y.Doubles(), Is.EqualTo(new[] { 1 - e, 0.5, e, e, 0.5, 1 - e }).Within(1e-15));
    }

    [Test]
    public void Softmax_does_not_overflow_for_large_logits_and_can_upcast()
    {
        using var scope = torch.NewDisposeScope();
        var large = torch.tensor(new float[] { 1000, 1001, 1002 }, device: device);
        var y = large.softmax(0);
        var upcast = large.softmax(0, torch.float64);
        var expected = ReferenceMath.SoftmaxRows([0, 1, 2], 1, 3);
        Assert.Multiple(() =>
        {
            Assert.That(y.Doubles(), Is.EqualTo(expected).Within(1e-6));
            Assert.That(upcast.dtype, Is.EqualTo(ScalarType.Float64));
            Assert.That(upcast.Doubles(), Is.EqualTo(expected).Within(1e-15));
        });
    }

    [Test]
    public void Log_softmax_is_x_minus_logsumexp()
    {
        using var scope = torch.NewDisposeScope();
        var x = ReferenceMath.Values(2 * 4, seed: 22).Select(v => 10 * v).ToArray();
        var lse = ReferenceMath.LogSumExpRows(x, 2, 4);
        var y = F.log_softmax(F64(x, 2, 4), 1);
        Assert.Multiple(() =>
        {
            Assert.That(y.Doubles(), Is.EqualTo(x.Select((v, k) => v - lse[k / 4])).Within(1e-14));
            Assert.That(torch.log_softmax(F64([-1000, 0]), 0).Doubles(), Is.EqualTo(new double[] { -1000, 0 }).Within(1e-12), "no exp(-1000) underflow to log(0)");
        });
    }

    [Test]
    public void Layer_norm_normalises_each_row_then_scales_and_shifts()
    {
        using var scope = torch.NewDisposeScope();
        const double eps = 1e-5;
        var x = ReferenceMath.Values(2 * 4, seed: 31).Select(v => 3 * v + 1).ToArray();
        var weight = new[] { 1.0, 2.0, 0.5, -1.0 };
        var bias = new[] { 0.0, 0.1, -0.2, 0.3 };
        var expected = new double[8];
        for (var r = 0; r < 2; r++)
        {
            var row = x[(r * 4)..(r * 4 + 4)];
            var mean = row.Average();
            var variance = row.Select(v => (v - mean) * (v - mean)).Average(); // biased, as layer_norm
            for (var c = 0; c < 4; c++) expected[r * 4 + c] = (row[c] - mean) / Math.Sqrt(variance + eps) * weight[c] + bias[c];
        }

        var y = F.layer_norm(F64(x, 2, 4), [4], F64(weight), F64(bias), eps);
        var plain = F.layer_norm(F64(x, 2, 4), [4]);
        Assert.Multiple(() =>
        {
            Assert.That(y.Doubles(), Is.EqualTo(expected).Within(1e-12));
            Assert.That(plain.mean(1).Doubles(), Is.EqualTo(new double[] { 0, 0 }).Within(1e-12), "without weight and bias each row has mean 0");
            Assert.That(plain.pow(2).mean(1).Doubles(), Is.EqualTo(new double[] { 1, 1 }).Within(1e-4), "and variance 1 (up to eps)");
        });
    }

    [Test]
    public void Rms_norm_divides_by_the_root_mean_square_and_scales()
    {
        using var scope = torch.NewDisposeScope();
        const double eps = 1e-6;
        var x = new[] { 1.0, -2.0, 3.0, 0.5, 0.1, 0.2, -0.3, 0.4 };
        var weight = new[] { 1.0, 0.5, 2.0, -1.0 };
        var expected = new double[8];
        for (var r = 0; r < 2; r++)
        {
            var row = x[(r * 4)..(r * 4 + 4)];
            var rms = Math.Sqrt(row.Select(v => v * v).Average() + eps);
            for (var c = 0; c < 4; c++) expected[r * 4 + c] = row[c] / rms * weight[c];
        }

        var input = torch.tensor(x.Select(v => (float)v).ToArray(), [2, 4], device);
        var y = F.rms_norm(input, torch.tensor(weight.Select(v => (float)v).ToArray(), device: device), eps);
        var half = F.rms_norm(input.to(torch.bfloat16));
        Assert.Multiple(() =>
        {
            Assert.That(y.dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That(y.Doubles(), Is.EqualTo(expected).Within(1e-6));
            Assert.That(half.dtype, Is.EqualTo(ScalarType.BFloat16), "the result is cast back to the input dtype");
        });
    }

    [Test]
    public void Embedding_returns_the_weight_rows_at_the_indices()
    {
        using var scope = torch.NewDisposeScope();
        var weight = torch.arange(12, dtype: torch.float32, device: device).view(4, 3);
        var indices = torch.tensor(new long[] { 3, 0, 1, 3 }, [2, 2], device);
        var rows = F.embedding(indices, weight);
        Assert.Multiple(() =>
        {
            Assert.That(rows.shape, Is.EqualTo(new long[] { 2, 2, 3 }));
            Assert.That(rows.Doubles(), Is.EqualTo(new double[] { 9, 10, 11, 0, 1, 2, 3, 4, 5, 9, 10, 11 }));
        });
    }

    [Test]
    public void Dropout_is_the_identity_when_not_training()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64(Inputs);
        using var generator = new Generator(1, device);
        Assert.That(F.dropout(x, 0.5, training: false, generator: generator).equal(x), Is.True);
    }

    [Test]
    public void Dropout_zeroes_about_p_of_the_elements_and_scales_the_rest_by_one_over_one_minus_p()
    {
        using var scope = torch.NewDisposeScope();
        const double p = 0.25;
        var x = torch.linspace(1, 2, 10000, torch.float64, device);
        using var generator = new Generator(7, device);
        var y = F.dropout(x, p, training: true, generator: generator);
        var kept = y.ne(0);
        var droppedFraction = 1 - kept.to(torch.float64).mean().ToDouble();
        Assert.Multiple(() =>
        {
            Assert.That(droppedFraction, Is.EqualTo(p).Within(0.03), "binomial(10000, 0.25) is within 0.03 of p with overwhelming probability");
            Assert.That(y.masked_select(kept).Doubles(), Is.EqualTo(x.masked_select(kept).Doubles().Select(v => v / (1 - p))).Within(1e-12));
        });
    }

    [Test]
    public void Dropout_with_a_generator_is_reproducible_from_its_seed()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones([1000], torch.float64, device);
        Tensor Drop(ulong seed)
        {
            using var g = new Generator(seed, device);
            return F.dropout(x, 0.5, training: true, generator: g);
        }

        Assert.Multiple(() =>
        {
            Assert.That(Drop(42).equal(Drop(42)), Is.True, "same seed, same mask");
            Assert.That(Drop(42).equal(Drop(43)), Is.False, "different seed, different mask");
        });
    }

    [Test]
    public void Dropout_with_p_zero_keeps_everything_and_p_one_drops_everything()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64(Inputs);
        Assert.Multiple(() =>
        {
            Assert.That(F.dropout(x, 0.0, training: true).equal(x), Is.True);
            Assert.That(F.dropout(x, 1.0, training: true).Doubles(), Is.All.EqualTo(0.0));
            Assert.That(() => F.dropout(x, 1.5), Throws.TypeOf<TorchException>().With.Message.Contains("probability"));
        });
    }
}
