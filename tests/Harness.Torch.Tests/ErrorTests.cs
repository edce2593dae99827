using NUnit.Framework;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Torch.Tests;

/// <summary>Every libtorch error arrives as a TorchException with libtorch's message and the
/// operation's name; errors are per thread; a disposed tensor raises ObjectDisposedException.</summary>
[Fast]
public sealed class ErrorTests
{
    private static TorchException Capture(Action call)
    {
        var e = Assert.Throws<TorchException>(call);
        return e!;
    }

    [Test]
    public void A_matmul_shape_mismatch_names_the_operation_and_both_shapes()
    {
        using var scope = torch.NewDisposeScope();
        var e = Capture(() => torch.zeros([2, 3]).matmul(torch.zeros([4, 5])));
        Assert.Multiple(() =>
        {
            Assert.That(e.Operation, Is.EqualTo("matmul"));
            Assert.That(e.NativeMessage, Does.Contain("2x3").And.Contain("4x5"));
            Assert.That(e.Message, Does.StartWith("matmul: "));
        });
    }

    [Test]
    public void Embedding_with_floating_indices_is_a_dtype_error()
    {
        using var scope = torch.NewDisposeScope();
        var e = Capture(() => F.embedding(torch.zeros([2]), torch.zeros([4, 3])));
        Assert.Multiple(() =>
        {
            Assert.That(e.Operation, Is.EqualTo("embedding"));
            Assert.That(e.NativeMessage, Does.Contain("indices").And.Contain("Long"));
        });
    }

    [Test]
    public void Select_out_of_range_names_the_index_and_the_size()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.zeros([3]);
        var direct = Capture(() => x.select(0, 5));
        var indexer = Capture(() => _ = x[-4]);
        Assert.Multiple(() =>
        {
            Assert.That(direct.Operation, Is.EqualTo("select"));
            Assert.That(direct.NativeMessage, Does.Contain("index 5").And.Contain("out of range"));
            Assert.That(indexer.Operation, Is.EqualTo("select"), "the indexer reports the operation it ran");
            Assert.That(indexer.NativeMessage, Does.Contain("index -4"));
        });
    }

    [Test]
    public void Index_select_with_an_index_out_of_range_is_an_error()
    {
        using var scope = torch.NewDisposeScope();
        var e = Capture(() => torch.zeros([3]).index_select(0, torch.tensor(new long[] { 0, 7 })));
        Assert.Multiple(() =>
        {
            Assert.That(e.Operation, Is.EqualTo("index_select"));
            Assert.That(e.NativeMessage, Does.Contain("out of range"));
        });
    }

    [Test]
    public void Other_errors_name_their_operations()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Multiple(() =>
        {
            Assert.That(Capture(() => torch.cat([torch.zeros([2, 3]), torch.zeros([2, 4])])).Operation, Is.EqualTo("cat"));
            Assert.That(Capture(() => torch.arange(3).mean()).NativeMessage, Does.Contain("Long"));
            Assert.That(Capture(() => torch.zeros([2, 3]).t().view(6)).Operation, Is.EqualTo("view"));
            Assert.That(Capture(() => torch.bmm(torch.zeros([2, 3]), torch.zeros([3, 2]))).Operation, Is.EqualTo("bmm"));
            Assert.That(Capture(() => torch.zeros([2]).add(torch.zeros([3]))).Operation, Is.EqualTo("add"));
            Assert.That(Capture(() => torch.ones([2]).requires_grad_().add_(1)).Operation, Is.EqualTo("add_"));
        });
    }

    [Test]
    public void An_error_leaves_the_binding_usable_and_does_not_leak_into_the_next_error()
    {
        using var scope = torch.NewDisposeScope();
        var first = Capture(() => torch.zeros([2, 3]).matmul(torch.zeros([4, 5])));
        var ok = torch.ones([2, 3]).matmul(torch.ones([3, 1]));
        var second = Capture(() => torch.zeros([3]).select(0, 9));
        Assert.Multiple(() =>
        {
            Assert.That(ok.Doubles(), Is.EqualTo(new double[] { 3, 3 }));
            Assert.That(second.NativeMessage, Does.Not.Contain("2x3"));
            Assert.That(second.NativeMessage, Does.Contain("index 9"));
            Assert.That(first.NativeMessage, Does.Contain("2x3"));
        });
    }

    [Test]
    public void Using_a_disposed_tensor_throws_ObjectDisposedException()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones([2]);
        var other = torch.ones([2]);
        var dead = torch.ones([2]);
        dead.Dispose();
        Assert.Multiple(() =>
        {
            Assert.That(() => dead.add(1), Throws.TypeOf<ObjectDisposedException>());
            Assert.That(() => dead.shape, Throws.TypeOf<ObjectDisposedException>());
            Assert.That(() => dead.ToArray<float>(), Throws.TypeOf<ObjectDisposedException>());
            Assert.That(() => dead.item(), Throws.TypeOf<ObjectDisposedException>());
            Assert.That(() => x.add(dead), Throws.TypeOf<ObjectDisposedException>(), "as an argument");
            Assert.That(() => torch.cat([x, dead]), Throws.TypeOf<ObjectDisposedException>(), "inside a list");
            Assert.That(() => F.linear(x, other.view(1, 2), dead), Throws.TypeOf<ObjectDisposedException>(), "as an optional argument");
            Assert.That(dead.ToString(), Is.EqualTo("tensor (disposed)"));
        });
    }

    [Test]
    public void A_tensor_freed_by_its_scope_throws_ObjectDisposedException()
    {
        Tensor escaped;
        using (torch.NewDisposeScope()) escaped = torch.ones([2]);
        Assert.That(() => escaped.sum(), Throws.TypeOf<ObjectDisposedException>());
    }

    [Test]
    public void Using_a_disposed_generator_throws_ObjectDisposedException()
    {
        var generator = new Generator(1);
        generator.Dispose();
        Assert.That(() => torch.rand([2], generator), Throws.TypeOf<ObjectDisposedException>());
    }

    [Test]
    public void Errors_are_per_thread_each_failing_task_sees_its_own_message()
    {
        const int tasks = 64;
        const int rounds = 20;
        var outcomes = Task.WhenAll(Enumerable.Range(0, tasks).Select(task => Task.Run(() =>
        {
            var problems = new List<string>();
            for (var round = 0; round < rounds; round++)
            {
                using var scope = torch.NewDisposeScope();
                if (task % 2 == 0)
                {
                    // Distinct shapes per task: [2 x (task+3)] @ [(task+5) x 2].
                    try
                    {
                        torch.zeros([2, task + 3]).matmul(torch.zeros([task + 5, 2]));
                        problems.Add("no error");
                    }
                    catch (TorchException e)
                    {
                        var expected = $"(2x{task + 3} and {task + 5}x2)";
                        if (e.Operation != "matmul" || !e.NativeMessage.Contains(expected, StringComparison.Ordinal))
                            problems.Add($"expected {expected}, got {e.Operation}: {e.NativeMessage}");
                    }
                }
                else
                {
                    var sum = torch.full([task, 3], 1.0).matmul(torch.ones([3, 1])).sum().ToDouble();
                    if (sum != 3.0 * task) problems.Add($"expected {3 * task}, got {sum}");
                }
            }

            return (task, problems);
        }))).Result;
        Assert.That(outcomes.Where(o => o.problems.Count > 0).Select(o => $"task {o.task}: {string.Join("; ", o.problems.Distinct())}"), Is.Empty);
    }
}
