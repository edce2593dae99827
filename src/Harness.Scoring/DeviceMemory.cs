using System.Globalization;
using System.Runtime.InteropServices;
using Harness.Torch;

namespace Harness.Scoring;

/// <summary>
/// The memory a device has for more work: an NVIDIA GPU's free memory from the driver's NVML library
/// (libnvidia-ml.so.1, present wherever the CUDA driver is; libtorch's binding has no query of a device's free memory),
/// the host's available memory for the CPU. `harness run` refuses a run that cannot fit with it, and gradient methods
/// size their batches of path points by it (Harness.Attribution's <c>PassPlanner</c>). NVML counts devices physically; a numeric
/// CUDA_VISIBLE_DEVICES list maps cuda:N to its N-th entry. Null wherever the answer cannot be read (no GPU, another
/// vendor, UUID-style device lists, no /proc).
/// </summary>
public static class DeviceMemory
{
    private const string Library = "libnvidia-ml.so.1";

    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlMemory
    {
        public ulong Total;
        public ulong Free;
        public ulong Used;
    }

    [DllImport(Library, EntryPoint = "nvmlInit_v2")]
    private static extern int Init();

    [DllImport(Library, EntryPoint = "nvmlDeviceGetHandleByIndex_v2")]
    private static extern int HandleByIndex(uint index, out IntPtr device);

    [DllImport(Library, EntryPoint = "nvmlDeviceGetMemoryInfo")]
    private static extern int MemoryInfo(IntPtr device, out NvmlMemory memory);

    /// <summary>Free bytes of a CUDA device, the host's available bytes for the CPU; null when unknown.</summary>
    public static long? AvailableBytes(Device device) =>
        device.type == DeviceType.CUDA ? FreeGpuBytes(Math.Max(0, (int)device.index)) : HostAvailableBytes();

    /// <summary>Free bytes of cuda:<paramref name="cudaIndex"/>, or null when NVML cannot say.</summary>
    public static long? FreeGpuBytes(int cudaIndex)
    {
        if (PhysicalIndex(cudaIndex, Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES")) is not { } physical) return null;
        try
        {
            if (Init() != 0 || HandleByIndex((uint)physical, out var device) != 0 || MemoryInfo(device, out var memory) != 0) return null;
            return (long)memory.Free;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }

    /// <summary>The physical index of cuda:<paramref name="cudaIndex"/> under a CUDA_VISIBLE_DEVICES value; null when the
    /// list names devices by UUID or does not reach that far.</summary>
    public static int? PhysicalIndex(int cudaIndex, string? visibleDevices)
    {
        if (string.IsNullOrWhiteSpace(visibleDevices)) return cudaIndex;
        var entries = visibleDevices.Split(',', StringSplitOptions.TrimEntries);
        return cudaIndex < entries.Length && int.TryParse(entries[cudaIndex], CultureInfo.InvariantCulture, out var physical) ? physical : null;
    }

    /// <summary>The memory available to this process: Linux's MemAvailable, capped by the cgroup's limit (a container's
    /// /proc/meminfo shows the host's); HARNESS_AVAILABLE_MEMORY_BYTES overrides both. Null where none can be read.</summary>
    public static long? HostAvailableBytes()
    {
        if (long.TryParse(Environment.GetEnvironmentVariable("HARNESS_AVAILABLE_MEMORY_BYTES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given))
            return given;
        long? available = null;
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
            if (line is not null) available = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            if (CgroupBytes("memory.max") is { } limit && CgroupBytes("memory.current") is { } used)
                available = Math.Min(available ?? long.MaxValue, limit - used);
        }
        catch (IOException)
        {
            // No /proc: no answer.
        }

        return available;
    }

    /// <summary>A cgroup v2 memory file as bytes; null when absent or "max" (no limit).</summary>
    private static long? CgroupBytes(string file)
    {
        var path = Path.Combine("/sys/fs/cgroup", file);
        return File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) ? bytes : null;
    }
}
