using NUnit.Framework;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Torch.Tests;

/// <summary>Autograd: leaves and requires_grad, backward with and without an explicit gradient,
/// accumulation, retain_grad, detach, torch.autograd.grad for intermediate tensors, and the
/// no_grad / enable_grad scopes.</summary>
[TestFixtureSource(typeof(TestDevices), nameof(TestDevices.Available))]
[Fast]
public sealed class AutogradTests(Device device)
{
    private Tensor F64(double[] values, params long[] shape) => torch.tensor(values, shape.Length == 0 ? null : shape, device);

    private Tensor Leaf(double[] values, params long[] shape) => F64(values, shape).requires_grad_();

    [Test]
    public void Tensors_do_not_require_grad_until_asked_and_results_of_recorded_ops_are_not_leaves()
    {
        using var scope = torch.NewDisposeScope();
        var plain = F64([1, 2]);
        var leaf = Leaf([1, 2]);
        var result = leaf * 2;
        Assert.Multiple(() =>
        {
            Assert.That(plain.requires_grad, Is.False);
            Assert.That(plain.is_leaf, Is.True);
            Assert.That(leaf.requires_grad, Is.True);
            Assert.That(leaf.is_leaf, Is.True);
            Assert.That(result.requires_grad, Is.True);
            Assert.That(result.is_leaf, Is.False);
            Assert.That((plain * 2).requires_grad, Is.False);
        });
    }

    [Test]
    public void Grad_is_null_before_backward()
    {
        using var scope = torch.NewDisposeScope();
        Assert.That(Leaf([1, 2]).grad, Is.Null);
    }

    [Test]
    public void Backward_of_a_scalar_fills_the_leaf_gradients()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf([1, -2, 3]);
        var w = Leaf([0.5, 0.25, 2]);
        (x * x * w).sum().backward();
        Assert.Multiple(() =>
        {
            Assert.That(x.grad!.Doubles(), Is.EqualTo(new[] { 2 * 1 * 0.5, 2 * -2 * 0.25, 2 * 3 * 2.0 }), "d/dx sum(x^2 w) = 2 x w");
            Assert.That(w.grad!.Doubles(), Is.EqualTo(new double[] { 1, 4, 9 }), "d/dw = x^2");
        });
    }

    [Test]
    public void Backward_of_a_non_scalar_takes_the_output_gradient()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf([1, 2, 3]);
        var y = x * 3;
        y.backward(F64([1, 10, 100]));
        Assert.That(x.grad!.Doubles(), Is.EqualTo(new double[] { 3, 30, 300 }));
    }

    [Test]
    public void Backward_of_a_non_scalar_without_an_output_gradient_is_an_error()
    {
        using var scope = torch.NewDisposeScope();
        var y = Leaf([1, 2]) * 3;
        Assert.That(() => y.backward(), Throws.TypeOf<TorchException>()
            .With.Property(nameof(TorchException.Operation)).EqualTo("backward")
            .And.Message.Contains("scalar outputs"));
    }

    [Test]
    public void Gradients_accumulate_over_backward_calls_until_zero_grad()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf([1, 2]);
        (x * 2).sum().backward();
        (x * 3).sum().backward();
        var accumulated = x.grad!.Doubles();
        x.zero_grad();
        var afterZero = x.grad;
        (x * 4).sum().backward();
        Assert.Multiple(() =>
        {
            Assert.That(accumulated, Is.EqualTo(new double[] { 5, 5 }));
            Assert.That(afterZero, Is.Null, "zero_grad sets the gradient to none");
            Assert.That(x.grad!.Doubles(), Is.EqualTo(new double[] { 4, 4 }));
        });
    }

    [Test]
    public void Retain_graph_allows_a_second_backward_through_the_same_graph()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf([1, 2]);
        var y = x.exp().sum();
        y.backward(retain_graph: true);
        y.backward();
        Assert.That(x.grad!.Doubles(), Is.EqualTo(new[] { 2 * Math.E, 2 * Math.Exp(2) }).Within(1e-12));
    }

    [Test]
    public void Retain_grad_keeps_the_gradient_of_a_non_leaf()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf([1, 2, 3]);
        var h = (x * 2).retain_grad();
        (h * h).sum().backward();
        Assert.Multiple(() =>
        {
            Assert.That(h.is_leaf, Is.False);
            Assert.That(h.grad!.Doubles(), Is.EqualTo(new double[] { 4, 8, 12 }), "d/dh sum(h^2) = 2h");
            Assert.That(x.grad!.Doubles(), Is.EqualTo(new double[] { 8, 16, 24 }));
        });
    }

    [Test]
    public void Detach_shares_values_but_cuts_the_graph()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf([1, 2]);
        var d = x.detach();
        (x * d).sum().backward();
        Assert.Multiple(() =>
        {
            Assert.That(d.requires_grad, Is.False);
            Assert.That(d.Doubles(), Is.EqualTo(new double[] { 1, 2 }));
            Assert.That(x.grad!.Doubles(), Is.EqualTo(new double[] { 1, 2 }), "only the undetached factor carries gradient: d/dx (x * const) = const");
        });
    }

    [Test]
    public void Autograd_grad_of_a_loss_with_respect_to_a_hidden_activation_matches_the_hand_derivative()
    {
        using var scope = torch.NewDisposeScope();
        // h = x W, loss = sum(c * tanh(h)); dloss/dh = c (1 - tanh(h)^2); dloss/dW = x^T dloss/dh.
        double[] x = [0.5, -1.0, 2.0, 0.3, 0.1, -0.7];
        double[] w = [0.2, -0.4, 0.6, 0.1, -0.3, 0.5];
        double[] c = [1.0, -2.0, 0.5, 3.0];
        var xt = Leaf(x, 2, 3);
        var wt = Leaf(w, 3, 2);
        var h = xt.matmul(wt);
        var loss = (F64(c, 2, 2) * h.tanh()).sum();
        var grads = torch.autograd.grad([loss], [h, wt]);

        var hRef = ReferenceMath.MatMul(x, w, 2, 3, 2);
        var dh = hRef.Select((v, k) => c[k] * (1 - Math.Tanh(v) * Math.Tanh(v))).ToArray();
        var xT = new[] { x[0], x[3], x[1], x[4], x[2], x[5] };
        var dw = ReferenceMath.MatMul(xT, dh, 3, 2, 2);
        Assert.Multiple(() =>
        {
            Assert.That(h.is_leaf, Is.False);
            Assert.That(grads[0]!.shape, Is.EqualTo(new long[] { 2, 2 }));
            Assert.That(grads[0]!.Doubles(), Is.EqualTo(dh).Within(1e-14));
            Assert.That(grads[1]!.Doubles(), Is.EqualTo(dw).Within(1e-14));
            Assert.That(wt.grad, Is.Null, "autograd.grad does not accumulate into .grad");
            Assert.That(xt.grad, Is.Null);
        });
    }

    [Test]
    public void Autograd_grad_weights_a_non_scalar_output_by_grad_outputs()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf([1, 2, 3]);
        var y = x * x;
        var g = torch.autograd.grad([y], [x], [F64([1, 0, -1])]);
        Assert.That(g[0]!.Doubles(), Is.EqualTo(new double[] { 2, 0, -6 }));
    }

    [Test]
    public void Autograd_grad_of_one_output_for_one_input()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf([2]);
        Assert.That(torch.autograd.grad(x.pow(3).sum(), x).Doubles(), Is.EqualTo(new double[] { 12 }));
    }

    [Test]
    public void Allow_unused_returns_null_for_an_input_the_output_does_not_depend_on()
    {
        using var scope = torch.NewDisposeScope();
        var used = Leaf([1, 2]);
        var unused = Leaf([3]);
        var loss = (used * 2).sum();
        var grads = torch.autograd.grad([loss], [used, unused], retain_graph: true, allow_unused: true);
        Assert.Multiple(() =>
        {
            Assert.That(grads[0]!.Doubles(), Is.EqualTo(new double[] { 2, 2 }));
            Assert.That(grads[1], Is.Null);
            Assert.That(() => torch.autograd.grad([loss], [used, unused]), Throws.TypeOf<TorchException>()
                .With.Property(nameof(TorchException.Operation)).EqualTo("autograd.grad"), "without allow_unused it is an error");
        });
    }

    [Test]
    public void Create_graph_gives_a_differentiable_gradient()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf([2, -1]);
        var first = torch.autograd.grad([x.pow(3).sum()], [x], create_graph: true)[0]!;
        var second = torch.autograd.grad([first.sum()], [x])[0]!;
        Assert.Multiple(() =>
        {
            Assert.That(first.Doubles(), Is.EqualTo(new double[] { 12, 3 }), "3 x^2");
            Assert.That(second.Doubles(), Is.EqualTo(new double[] { 12, -6 }), "6 x");
        });
    }

    [Test]
    public void A_second_grad_through_a_freed_graph_is_an_error()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf([1, 2]);
        var y = x.exp().sum();
        torch.autograd.grad([y], [x]);
        Assert.That(() => torch.autograd.grad([y], [x]), Throws.TypeOf<TorchException>().With.Message.Contains("second time"));
    }

    [Test]
    public void No_grad_stops_recording_and_restores_the_previous_mode()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf([1, 2]);
        Tensor inside;
        bool enabledInside;
        using (torch.no_grad())
        {
            enabledInside = torch.is_grad_enabled();
            inside = x * 2;
        }

        Assert.Multiple(() =>
        {
            Assert.That(enabledInside, Is.False);
            Assert.That(inside.requires_grad, Is.False);
            Assert.That(torch.is_grad_enabled(), Is.True);
            Assert.That((x * 2).requires_grad, Is.True);
        });
    }

    [Test]
    public void Enable_grad_inside_no_grad_records_and_nested_scopes_restore_in_order()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf([1]);
        var modes = new List<bool>();
        Tensor recorded;
        using (torch.no_grad())
        {
            modes.Add(torch.is_grad_enabled());
            using (torch.enable_grad())
            {
                modes.Add(torch.is_grad_enabled());
                recorded = x * 2;
                using (torch.no_grad()) modes.Add(torch.is_grad_enabled());
                modes.Add(torch.is_grad_enabled());
            }

            modes.Add(torch.is_grad_enabled());
        }

        modes.Add(torch.is_grad_enabled());
        Assert.Multiple(() =>
        {
            Assert.That(modes, Is.EqualTo(new[] { false, true, false, true, false, true }));
            Assert.That(recorded.requires_grad, Is.True);
        });
    }

    [Test]
    public void Grad_mode_is_per_thread()
    {
        bool otherThread;
        using (torch.no_grad())
            otherThread = Task.Factory.StartNew(torch.is_grad_enabled, TaskCreationOptions.LongRunning).Result;
        Assert.That(otherThread, Is.True, "no_grad on this thread leaves another thread recording");
    }

    [Test]
    public void Requires_grad_cannot_be_switched_off_on_a_non_leaf()
    {
        using var scope = torch.NewDisposeScope();
        var y = Leaf([1]) * 2;
        Assert.That(() => y.requires_grad = false, Throws.TypeOf<TorchException>().With.Message.Contains("leaf"));
    }

    [Test]
    public void Embedding_padding_index_row_gets_no_gradient()
    {
        using var scope = torch.NewDisposeScope();
        var weight = torch.ones([3, 2], torch.float64, device).requires_grad_();
        var indices = torch.tensor(new long[] { 0, 1, 1, 2 }, device: device);
        F.embedding(indices, weight, padding_idx: 1).sum().backward();
        Assert.That(weight.grad!.Doubles(), Is.EqualTo(new double[] { 1, 1, 0, 0, 1, 1 }));
    }
}
