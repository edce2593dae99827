using System.Runtime.InteropServices;
using Harness.Scoring;

namespace Harness.Scoring.Tests;

/// <summary>The GPU free-memory query behind `harness run`'s memory check and the gradient methods' batch plans: cuda:N maps through CUDA_VISIBLE_DEVICES to
/// NVML's physical index, and without NVML (no NVIDIA driver) there is no answer rather than an error.</summary>
[TestFixture]
[Fast]
public sealed class DeviceMemoryTests
{
    [TestCase(0, null, 0)]
    [TestCase(1, "", 1)]
    [TestCase(0, "3,1", 3)]
    [TestCase(1, "3, 1", 1)]
    [TestCase(2, "3,1", null)]
    [TestCase(0, "GPU-8f6c1a2e", null)]
    public void Cuda_indices_map_through_CUDA_VISIBLE_DEVICES(int cuda, string? visible, int? physical) =>
        Assert.That(DeviceMemory.PhysicalIndex(cuda, visible), Is.EqualTo(physical));

    [Test]
    public void Without_the_nvidia_driver_the_free_memory_is_unknown_not_an_error()
    {
        if (NativeLibrary.TryLoad("libnvidia-ml.so.1", out var handle))
        {
            NativeLibrary.Free(handle);
            Assert.That(DeviceMemory.FreeGpuBytes(0), Is.Null.Or.GreaterThan(0), "with the driver: a positive count (or none for a device it cannot see)");
            return;
        }

        Assert.That(DeviceMemory.FreeGpuBytes(0), Is.Null);
    }
}
