using NUnit.Framework;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Torch.Tests;

/// <summary>Disposal scopes free the tensors created in them; moving out, detaching and nesting;
/// operations that open scopes of their own leak nothing.</summary>
[Fast]
public sealed class DisposeScopeTests
{
    private long before;

    /// <summary>Finalizes whatever earlier tests dropped, so that only this test moves LiveCount.</summary>
    [SetUp]
    public void SettleLiveCount()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        before = Tensor.LiveCount;
    }

    [Test]
    public void A_scope_frees_every_tensor_created_inside_it()
    {
        var created = new List<Tensor>();
        long inside;
        using (var scope = torch.NewDisposeScope())
        {
            var x = torch.ones([3]);
            var y = x * 2 + 1;
            var parts = y.split(1);
            var (values, indices) = y.max(0);
            created.AddRange([x, y, values, indices, .. parts]);
            inside = Tensor.LiveCount - before;
            Assert.That(scope.Count, Is.EqualTo(inside), "the scope owns every tensor created in it");
        }

        Assert.Multiple(() =>
        {
            Assert.That(inside, Is.GreaterThanOrEqualTo(created.Count));
            Assert.That(Tensor.LiveCount, Is.EqualTo(before), "live tensors before == after");
            Assert.That(created, Has.All.Matches<Tensor>(t => t!.IsClosed));
        });
    }

    [Test]
    public void Move_to_outer_scope_keeps_a_tensor_alive_until_the_outer_scope_ends()
    {
        Tensor kept;
        Tensor temporary;
        using (var outer = torch.NewDisposeScope())
        {
            using (torch.NewDisposeScope())
            {
                temporary = torch.ones([2]);
                kept = (temporary * 3).MoveToOuterDisposeScope();
            }

            Assert.Multiple(() =>
            {
                Assert.That(temporary.IsClosed, Is.True);
                Assert.That(kept.IsClosed, Is.False);
                Assert.That(kept.Doubles(), Is.EqualTo(new double[] { 3, 3 }));
                Assert.That(outer.Count, Is.EqualTo(1), "the outer scope now owns it");
            });
        }

        Assert.Multiple(() =>
        {
            Assert.That(kept.IsClosed, Is.True);
            Assert.That(Tensor.LiveCount, Is.EqualTo(before));
        });
    }

    [Test]
    public void Move_to_outer_scope_without_an_outer_scope_leaves_the_tensor_to_its_caller()
    {
        Tensor result;
        using (torch.NewDisposeScope()) result = torch.ones([2]).MoveToOuterDisposeScope();
        var aliveAfterScope = !result.IsClosed;
        result.Dispose();
        Assert.Multiple(() =>
        {
            Assert.That(aliveAfterScope, Is.True);
            Assert.That(Tensor.LiveCount, Is.EqualTo(before));
        });
    }

    [Test]
    public void Nested_scopes_free_only_their_own_tensors()
    {
        using var outer = torch.NewDisposeScope();
        var outerTensor = torch.ones([2]);
        Tensor innerTensor;
        using (var inner = torch.NewDisposeScope())
        {
            innerTensor = outerTensor + 1;
            Assert.That(inner.Count, Is.EqualTo(1));
        }

        Assert.Multiple(() =>
        {
            Assert.That(innerTensor.IsClosed, Is.True);
            Assert.That(outerTensor.IsClosed, Is.False);
            Assert.That(outer.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void Detach_from_dispose_scope_survives_every_scope_until_disposed()
    {
        Tensor detached;
        using (torch.NewDisposeScope())
        using (torch.NewDisposeScope())
            detached = torch.ones([2]).DetachFromDisposeScope();
        var alive = !detached.IsClosed;
        var countWhileAlive = Tensor.LiveCount - before;
        detached.Dispose();
        Assert.Multiple(() =>
        {
            Assert.That(alive, Is.True);
            Assert.That(countWhileAlive, Is.EqualTo(1));
            Assert.That(Tensor.LiveCount, Is.EqualTo(before));
        });
    }

    [Test]
    public void A_tensor_disposed_early_leaves_the_scope_and_disposing_twice_is_harmless()
    {
        using (var scope = torch.NewDisposeScope())
        {
            var x = torch.ones([2]);
            x.Dispose();
            x.Dispose();
            Assert.That(scope.Count, Is.EqualTo(0));
        }

        Assert.That(Tensor.LiveCount, Is.EqualTo(before));
    }

    [Test]
    public void Disposing_a_scope_first_disposes_the_scopes_leaked_inside_it()
    {
        using var enclosing = torch.NewDisposeScope();
        var outer = torch.NewDisposeScope();
        var inOuter = torch.ones([2]);
        var leaked = torch.NewDisposeScope();
        var inLeaked = torch.ones([2]);
        var leakedInside = torch.NewDisposeScope();
        var inLeakedInside = torch.ones([2]);

        outer.Dispose();
        var after = torch.ones([2]);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { inOuter, inLeaked, inLeakedInside }, Has.All.Matches<Tensor>(t => t!.IsClosed));
            Assert.That(leaked.Count + leakedInside.Count, Is.Zero);
            Assert.That(enclosing.Count, Is.EqualTo(1), "the enclosing scope is current again and owns what comes after");
            Assert.That(after.IsClosed, Is.False);
        });
        Assert.DoesNotThrow(() =>
        {
            leakedInside.Dispose();
            leaked.Dispose();
        }, "disposing a leaked scope again, as a late using would, changes nothing");
        Assert.That(enclosing.Count, Is.EqualTo(1));
    }

    [Test]
    public void An_exception_that_leaks_a_scope_reaches_the_caller_unmasked()
    {
        var thrown = Assert.Throws<InvalidDataException>(() =>
        {
            using var outer = torch.NewDisposeScope();
            _ = torch.NewDisposeScope();   // never disposed, as by a constructor that throws after opening it
            _ = torch.ones([2]);
            throw new InvalidDataException("the real error");
        });
        Assert.Multiple(() =>
        {
            Assert.That(thrown!.Message, Is.EqualTo("the real error"));
            Assert.That(Tensor.LiveCount, Is.EqualTo(before));
        });
        using var next = torch.NewDisposeScope();
        _ = torch.ones([2]);
        Assert.That(next.Count, Is.EqualTo(1), "the next scope works as if nothing had leaked");
    }

    [Test]
    public void Scopes_are_per_thread()
    {
        using var scope = torch.NewDisposeScope();
        var fromOtherThread = Task.Factory.StartNew(() => torch.ones([2]), TaskCreationOptions.LongRunning).Result;
        Assert.That(scope.Count, Is.EqualTo(0), "a tensor made on another thread is not owned by this thread's scope");
        fromOtherThread.Dispose();
    }

    [Test]
    public void Operations_that_use_scopes_internally_leak_nothing()
    {
        using (torch.NewDisposeScope())
        {
            var x = torch.randn([4, 6]).requires_grad_();
            var n = F.rms_norm(x, torch.ones([6]));
            var picked = n[1.., TensorIndex.Ellipsis, 2];
            var order = picked.argsort();
            n.sum().backward();
            torch.nn.utils.clip_grad_norm_([x], 0.1);
            _ = (order, x.grad);
        }

        Assert.That(Tensor.LiveCount, Is.EqualTo(before));
    }

    [Test]
    public void Each_read_of_grad_is_a_handle_the_scope_frees()
    {
        using (torch.NewDisposeScope())
        {
            var x = torch.ones([2]).requires_grad_();
            (x * 2).sum().backward();
            for (var i = 0; i < 10; i++) _ = x.grad;
        }

        Assert.That(Tensor.LiveCount, Is.EqualTo(before));
    }
}
