using NUnit.Framework;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Torch.Tests;

/// <summary>Analytic gradients against central finite differences in float64 (<see cref="GradCheck"/>)
/// for the operations a decoder's forward pass is made of, and for a whole causal attention block.
/// Each function is reduced to a scalar by a weighted sum with fixed random weights, so that every
/// output element contributes with its own factor.</summary>
[TestFixtureSource(typeof(TestDevices), nameof(TestDevices.Available))]
[Fast]
public sealed class GradientCheckTests(Device device)
{
    private Generator generator = null!;

    [SetUp]
    public void CreateGenerator() => generator = new Generator(20240601, device);

    [TearDown]
    public void DisposeGenerator() => generator.Dispose();

    private Tensor Randn(params long[] shape) => torch.randn(shape, generator, torch.float64, device);

    /// <summary>sum(y * r) for a fixed random r shaped like y.</summary>
    private Tensor WeightedSum(Tensor y)
    {
        using var g = new Generator(7, device);
        return (y * torch.randn(y.shape, g, torch.float64, device)).sum();
    }

    [Test]
    public void The_check_reports_a_wrong_analytic_gradient()
    {
        using var scope = torch.NewDisposeScope();
        // detach hides one factor from autograd, so the analytic gradient is half the true one.
        var mismatches = GradCheck.Mismatches(x => (x[0] * x[0].detach()).sum(), Randn(4));
        Assert.That(mismatches, Has.Count.EqualTo(4));
    }

    [Test]
    public void Matmul()
    {
        using var scope = torch.NewDisposeScope();
        Assert.That(GradCheck.Mismatches(x => WeightedSum(x[0].matmul(x[1])), Randn(3, 4), Randn(4, 2)), Is.Empty);
    }

    [Test]
    public void Batched_matmul_with_broadcasting()
    {
        using var scope = torch.NewDisposeScope();
        Assert.That(GradCheck.Mismatches(x => WeightedSum(x[0].matmul(x[1])), Randn(2, 3, 4), Randn(4, 2)), Is.Empty);
    }

    [Test]
    public void Linear_with_bias()
    {
        using var scope = torch.NewDisposeScope();
        Assert.That(GradCheck.Mismatches(x => WeightedSum(F.linear(x[0], x[1], x[2])), Randn(2, 3), Randn(4, 3), Randn(4)), Is.Empty);
    }

    [Test]
    public void Softmax()
    {
        using var scope = torch.NewDisposeScope();
        Assert.That(GradCheck.Mismatches(x => WeightedSum(x[0].softmax(-1)), Randn(3, 5)), Is.Empty);
    }

    [Test]
    public void Log_softmax()
    {
        using var scope = torch.NewDisposeScope();
        Assert.That(GradCheck.Mismatches(x => WeightedSum(x[0].log_softmax(-1)), Randn(3, 5)), Is.Empty);
    }

    [Test]
    public void Layer_norm_with_weight_and_bias()
    {
        using var scope = torch.NewDisposeScope();
        Assert.That(GradCheck.Mismatches(x => WeightedSum(F.layer_norm(x[0], [5], x[1], x[2])), Randn(3, 5), Randn(5), Randn(5)), Is.Empty);
    }

    [Test]
    public void Gelu_exact()
    {
        using var scope = torch.NewDisposeScope();
        Assert.That(GradCheck.Mismatches(x => WeightedSum(F.gelu(x[0])), Randn(12)), Is.Empty);
    }

    [Test]
    public void Gelu_tanh()
    {
        using var scope = torch.NewDisposeScope();
        Assert.That(GradCheck.Mismatches(x => WeightedSum(F.gelu(x[0], GeluApproximation.Tanh)), Randn(12)), Is.Empty);
    }

    [Test]
    public void Silu()
    {
        using var scope = torch.NewDisposeScope();
        Assert.That(GradCheck.Mismatches(x => WeightedSum(F.silu(x[0])), Randn(12)), Is.Empty);
    }

    [Test]
    public void Embedding_with_respect_to_the_weight()
    {
        using var scope = torch.NewDisposeScope();
        var indices = torch.tensor(new long[] { 2, 0, 2, 3, 2, 1 }, [2, 3], device);
        Assert.That(GradCheck.Mismatches(x => WeightedSum(F.embedding(indices, x[0])), Randn(5, 3)), Is.Empty,
            "row 2 appears three times and row 4 never: their gradients are the sum and zero");
    }

    [Test]
    public void Causal_single_head_attention_block()
    {
        using var scope = torch.NewDisposeScope();
        const long t = 4, d = 3;
        var causal = torch.ones([t, t], torch.@bool, device).triu(1); // true above the diagonal: the future
        Tensor Attention(Tensor[] p)
        {
            var (x, wq, wk, wv, wo, bo) = (p[0], p[1], p[2], p[3], p[4], p[5]);
            var q = F.linear(x, wq); // [T, D]
            var k = F.linear(x, wk); // [T, D]
            var v = F.linear(x, wv); // [T, D]
            var scores = q.matmul(k.t()).div(Math.Sqrt(d)); // [T, T]
            var weights = scores.masked_fill(causal, double.NegativeInfinity).softmax(-1); // [T, T]
            return WeightedSum(F.linear(weights.matmul(v), wo, bo)); // [T, D] -> scalar
        }

        Assert.That(GradCheck.Mismatches(Attention, Randn(t, d), Randn(d, d), Randn(d, d), Randn(d, d), Randn(d, d), Randn(d)), Is.Empty);
    }

    [Test]
    public void The_causal_mask_keeps_the_first_position_independent_of_later_ones()
    {
        using var scope = torch.NewDisposeScope();
        var x = Randn(3, 2).requires_grad_();
        var causal = torch.ones([3, 3], torch.@bool, device).triu(1);
        var weights = x.matmul(x.t()).masked_fill(causal, double.NegativeInfinity).softmax(-1);
        var firstOutput = weights.matmul(x)[0].sum();
        var grad = torch.autograd.grad(firstOutput, x).Doubles();
        Assert.Multiple(() =>
        {
            Assert.That(grad[..2], Has.Some.Not.EqualTo(0.0));
            Assert.That(grad[2..], Is.All.EqualTo(0.0), "position 0 attends only to itself");
        });
    }
}
