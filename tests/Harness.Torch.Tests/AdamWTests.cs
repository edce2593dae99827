using Harness.Torch.Optim;
using NUnit.Framework;

namespace Harness.Torch.Tests;

/// <summary>AdamW against its algorithm computed by hand in doubles (torch.optim.AdamW's
/// documentation: decoupled weight decay, bias-corrected moments, optional global-norm clipping of
/// the gradients first), over several steps with known gradients.</summary>
[TestFixtureSource(typeof(TestDevices), nameof(TestDevices.Available))]
[Fast]
public sealed class AdamWTests(Device device)
{
    private static readonly double[] Start = [0.5, -1.0, 2.0];

    /// <summary>The gradient of step t is set exactly by loss = sum(p * g_t).</summary>
    private static readonly double[][] Gradients = [[0.1, -0.2, 0.3], [-0.4, 0.05, 0.2], [0.3, 0.3, -0.1]];

    /// <summary>The parameters after each step, by pytorch.org/docs/stable/generated/torch.optim.AdamW.html:
    /// p -= lr wd p; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= lr (m/(1-b1^t)) / (sqrt(v/(1-b2^t)) + eps).
    /// With maxNorm the gradients of all parameters are first scaled by max/(norm + 1e-6) when that is below 1.</summary>
    private static double[][] Reference(double[] start, double[][] gradients, AdamWOptions o)
    {
        var p = (double[])start.Clone();
        var m = new double[p.Length];
        var v = new double[p.Length];
        var history = new List<double[]>();
        for (var t = 1; t <= gradients.Length; t++)
        {
            var g = (double[])gradients[t - 1].Clone();
            if (o.MaxGradNorm is { } maxNorm)
            {
                var norm = Math.Sqrt(g.Sum(x => x * x));
                var coefficient = maxNorm / (norm + 1e-6);
                if (coefficient < 1) g = g.Select(x => x * coefficient).ToArray();
            }

            for (var i = 0; i < p.Length; i++)
            {
                p[i] -= o.LearningRate * o.WeightDecay * p[i];
                m[i] = o.Beta1 * m[i] + (1 - o.Beta1) * g[i];
                v[i] = o.Beta2 * v[i] + (1 - o.Beta2) * g[i] * g[i];
                var mHat = m[i] / (1 - Math.Pow(o.Beta1, t));
                var vHat = v[i] / (1 - Math.Pow(o.Beta2, t));
                p[i] -= o.LearningRate * mHat / (Math.Sqrt(vHat) + o.Eps);
            }

            history.Add((double[])p.Clone());
        }

        return history.ToArray();
    }

    /// <summary>Runs the optimizer on one float64 parameter vector and returns it after each step.</summary>
    private double[][] Run(double[] start, double[][] gradients, AdamWOptions options)
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.tensor(start, device: device, requires_grad: true);
        using var optimizer = new AdamW([p], options);
        var history = new List<double[]>();
        foreach (var g in gradients)
        {
            optimizer.zero_grad();
            (p * torch.tensor(g, device: device)).sum().backward();
            optimizer.step();
            history.Add(p.Doubles());
        }

        return history.ToArray();
    }

    [Test]
    public void Three_steps_with_weight_decay_match_the_hand_computed_algorithm()
    {
        var options = new AdamWOptions { LearningRate = 0.1, WeightDecay = 0.1 };
        var expected = Reference(Start, Gradients, options);
        var actual = Run(Start, Gradients, options);
        Assert.Multiple(() =>
        {
            for (var t = 0; t < 3; t++) Assert.That(actual[t], Is.EqualTo(expected[t]).Within(1e-12), $"after step {t + 1}");
        });
    }

    [Test]
    public void The_first_step_moves_each_parameter_by_about_lr_against_its_gradient_sign()
    {
        // Hand value: after one step m_hat/sqrt(v_hat) = g/|g|, so p1 = p0 (1 - lr wd) - lr sign(g).
        var options = new AdamWOptions { LearningRate = 0.1, WeightDecay = 0.1 };
        var actual = Run(Start, Gradients[..1], options)[0];
        Assert.That(actual, Is.EqualTo(new[] { 0.5 * 0.99 - 0.1, -1.0 * 0.99 + 0.1, 2.0 * 0.99 - 0.1 }).Within(1e-6));
    }

    [Test]
    public void Weight_decay_is_decoupled_and_shrinks_the_parameters()
    {
        var withDecay = Run(Start, Gradients, new AdamWOptions { LearningRate = 0.1, WeightDecay = 0.5 });
        var without = Run(Start, Gradients, new AdamWOptions { LearningRate = 0.1, WeightDecay = 0 });
        Assert.Multiple(() =>
        {
            Assert.That(without[2], Is.EqualTo(Reference(Start, Gradients, new AdamWOptions { LearningRate = 0.1, WeightDecay = 0 })[2]).Within(1e-12));
            Assert.That(withDecay[2], Is.EqualTo(Reference(Start, Gradients, new AdamWOptions { LearningRate = 0.1, WeightDecay = 0.5 })[2]).Within(1e-12));
            Assert.That(withDecay[2].Select(Math.Abs).Sum(), Is.LessThan(without[2].Select(Math.Abs).Sum()));
        });
    }

    [Test]
    public void Max_grad_norm_clips_the_global_gradient_norm_before_each_step()
    {
        // Step 1's gradient has norm 5 and is clipped to 1; step 2's has norm 0.5 and is not. The
        // moments then differ from the unclipped run, so the parameters after step 2 tell them apart.
        double[][] gradients = [[3, -4, 0], [0.3, 0.4, 0], [-1, 2, 2]];
        var options = new AdamWOptions { LearningRate = 0.05, WeightDecay = 0.01, MaxGradNorm = 1.0 };
        var expected = Reference(Start, gradients, options);
        var unclipped = Reference(Start, gradients, options with { MaxGradNorm = null });
        var actual = Run(Start, gradients, options);
        Assert.Multiple(() =>
        {
            for (var t = 0; t < 3; t++) Assert.That(actual[t], Is.EqualTo(expected[t]).Within(1e-12), $"after step {t + 1}");
            Assert.That(actual[1], Is.Not.EqualTo(unclipped[1]).Within(1e-6), "clipping must make a difference in this case");
        });
    }

    [Test]
    public void Clipping_uses_the_norm_over_all_parameters_and_reports_it()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new double[] { 3 }, device: device, requires_grad: true);
        var b = torch.tensor(new double[] { 1 }, device: device, requires_grad: true);
        using var optimizer = new AdamW([a, b], new AdamWOptions { LearningRate = 0.1, WeightDecay = 0, MaxGradNorm = 2.5 });
        (a * 3 + b * 4).sum().backward();
        optimizer.step();
        Assert.Multiple(() =>
        {
            Assert.That(optimizer.LastGradNorm, Is.EqualTo(5).Within(1e-12), "sqrt(3^2 + 4^2) across both parameters");
            Assert.That(a.grad!.ToDouble(), Is.EqualTo(3 * 2.5 / (5 + 1e-6)).Within(1e-12), "the gradients are scaled in place");
            Assert.That(b.grad!.ToDouble(), Is.EqualTo(4 * 2.5 / (5 + 1e-6)).Within(1e-12));
            Assert.That(optimizer.StepCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_learning_rate_set_between_steps_is_used_by_the_next_step()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.tensor(new double[] { 1 }, device: device, requires_grad: true);
        using var optimizer = new AdamW([p], new AdamWOptions { LearningRate = 0.1, WeightDecay = 0 });
        optimizer.lr = 0.01;
        (p * 2).sum().backward();
        optimizer.step();
        Assert.That(p.ToDouble(), Is.EqualTo(1 - 0.01).Within(1e-9), "one step moves by lr * sign(g)");
    }

    [Test]
    public void A_parameter_without_a_gradient_is_left_alone()
    {
        using var scope = torch.NewDisposeScope();
        var used = torch.tensor(new double[] { 1 }, device: device, requires_grad: true);
        var unused = torch.tensor(new double[] { 1 }, device: device, requires_grad: true);
        using var optimizer = new AdamW([used, unused], new AdamWOptions { LearningRate = 0.1, WeightDecay = 0.5 });
        (used * 2).sum().backward();
        optimizer.step();
        Assert.Multiple(() =>
        {
            Assert.That(used.ToDouble(), Is.Not.EqualTo(1.0));
            Assert.That(unused.ToDouble(), Is.EqualTo(1.0), "no gradient: no update and no weight decay, as in PyTorch");
        });
    }

    [Test]
    public void The_optimizer_rejects_parameters_that_do_not_require_gradients_and_bad_options()
    {
        using var scope = torch.NewDisposeScope();
        var frozen = torch.zeros([2], torch.float64, device);
        var p = torch.zeros([2], torch.float64, device, requires_grad: true);
        Assert.Multiple(() =>
        {
            Assert.That(() => new AdamW([frozen]), Throws.ArgumentException);
            Assert.That(() => new AdamW([p], new AdamWOptions { Beta1 = 1.0 }), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new AdamW([p], new AdamWOptions { MaxGradNorm = 0 }), Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void Stepping_leaves_no_tensors_behind_once_the_optimizer_is_disposed()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = Tensor.LiveCount;
        using (var scope = torch.NewDisposeScope())
        {
            var p = torch.tensor(Start, device: device, requires_grad: true);
            using var optimizer = new AdamW([p], new AdamWOptions { MaxGradNorm = 1 });
            foreach (var g in Gradients)
            {
                using var step = torch.NewDisposeScope();
                optimizer.zero_grad();
                (p * torch.tensor(g, device: device)).sum().backward();
                optimizer.step();
            }

            optimizer.zero_grad();
        }

        Assert.That(Tensor.LiveCount, Is.EqualTo(before));
    }
}
