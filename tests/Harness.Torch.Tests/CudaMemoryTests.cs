using NUnit.Framework;

namespace Harness.Torch.Tests;

/// <summary>torch.cuda's caching-allocator statistics: real byte counts where the shim can read them
/// (libtorch >= 2.9 with a GPU), zeros and a no-op reset everywhere else (Debian's CPU 1.13 here).</summary>
[Fast]
public sealed class CudaMemoryTests
{
    private const long MiB = 1L << 20;

    [Test]
    public void Statistics_are_supported_exactly_with_a_gpu_and_libtorch_2_9_or_later()
    {
        // "1.13.1", "2.9.0+cu128", "2.10.0a0": major.minor decides.
        var match = System.Text.RegularExpressions.Regex.Match(torch.version, @"^\d+\.\d+");
        Assert.That(match.Success, Is.True, torch.version);
        var version = Version.Parse(match.Value);
        var expected = torch.cuda.is_available() && version >= new Version(2, 9);
        Assert.That(torch.cuda.memory_stats_supported(), Is.EqualTo(expected), $"libtorch {torch.version}, CUDA available: {torch.cuda.is_available()}");
    }

    [Test]
    public void Without_statistics_every_figure_is_zero_and_reset_does_nothing()
    {
        if (torch.cuda.memory_stats_supported())
        {
            Assert.That(torch.cuda.max_memory_allocated(), Is.GreaterThanOrEqualTo(torch.cuda.memory_allocated()));
            return;
        }

        using var cpu = torch.ones([1024, 1024]);
        Assert.Multiple(() =>
        {
            Assert.That(torch.cuda.memory_allocated(), Is.Zero);
            Assert.That(torch.cuda.max_memory_allocated(), Is.Zero);
            Assert.That(() => torch.cuda.reset_peak_memory_stats(), Throws.Nothing);
            Assert.That(torch.cuda.max_memory_allocated(), Is.Zero);
        });
    }

    [Test]
    public void The_peak_holds_a_freed_temporary_until_reset()
    {
        if (!torch.cuda.memory_stats_supported())
        {
            Assert.That(torch.cuda.max_memory_allocated() - torch.cuda.memory_allocated(), Is.Zero, "no statistics: no peak above the current");
            return;
        }

        using var kept = torch.ones([MiB / 4], device: Device.CUDA(0));                 // 1 MiB of float32
        torch.cuda.reset_peak_memory_stats();
        var before = torch.cuda.memory_allocated();
        using (torch.ones([MiB], device: Device.CUDA(0))) { }                            // 4 MiB, freed at once
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.GreaterThanOrEqualTo(MiB));
            Assert.That(torch.cuda.memory_allocated(), Is.EqualTo(before));
            Assert.That(torch.cuda.max_memory_allocated() - before, Is.GreaterThanOrEqualTo(4 * MiB));
        });
        torch.cuda.reset_peak_memory_stats();
        Assert.That(torch.cuda.max_memory_allocated(), Is.EqualTo(torch.cuda.memory_allocated()));
    }
}
