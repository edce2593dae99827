using NUnit.Framework;
using System.Globalization;

namespace Harness.Torch.Tests;

/// <summary>libtorch's intra-op thread count: it starts at the CPUs this process may use (not at
/// libtorch's default of 1 on small VMs) and set_num_threads changes it.</summary>
[Fast]
public sealed class ThreadTests
{
    /// <summary>What the shim starts with: HARNESS_NUM_THREADS when the environment sets it (the
    /// tests never do), else the processor count.</summary>
    private static int ExpectedDefault() =>
        int.TryParse(Environment.GetEnvironmentVariable("HARNESS_NUM_THREADS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : Environment.ProcessorCount;

    private static int OnNewThread(Func<int> read)
    {
        var result = 0;
        var thread = new Thread(() => result = read());
        thread.Start();
        thread.Join();
        return result;
    }

    [Test]
    public void The_default_thread_count_is_the_processor_count_on_every_thread()
    {
        Assert.Multiple(() =>
        {
            Assert.That(torch.get_num_threads(), Is.EqualTo(ExpectedDefault()));
            Assert.That(OnNewThread(torch.get_num_threads), Is.EqualTo(ExpectedDefault()), "a thread that never called libtorch before");
            Assert.That(torch.get_num_interop_threads(), Is.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    public void Set_num_threads_changes_the_count_for_this_and_new_threads()
    {
        var original = torch.get_num_threads();
        var target = original == 1 ? 2 : 1;
        int here, elsewhere;
        try
        {
            torch.set_num_threads(target);
            here = torch.get_num_threads();
            elsewhere = OnNewThread(torch.get_num_threads);
        }
        finally
        {
            torch.set_num_threads(original);
        }

        Assert.Multiple(() =>
        {
            Assert.That(here, Is.EqualTo(target));
            Assert.That(elsewhere, Is.EqualTo(target));
            Assert.That(torch.get_num_threads(), Is.EqualTo(original), "restored");
        });
    }

    [Test]
    public void Set_num_threads_to_zero_is_an_error_and_changes_nothing()
    {
        var original = torch.get_num_threads();
        var e = Assert.Throws<TorchException>(() => torch.set_num_threads(0));
        Assert.Multiple(() =>
        {
            Assert.That(e!.Operation, Is.EqualTo("set_num_threads"));
            Assert.That(e.NativeMessage, Does.Contain("at least 1"));
            Assert.That(torch.get_num_threads(), Is.EqualTo(original));
        });
    }
}
