using System.Runtime.InteropServices;

namespace Harness.Experiments.Running;

/// <summary>
/// The free memory of an NVIDIA GPU, from the driver's NVML library (libnvidia-ml.so.1, present wherever the CUDA
/// driver is), so a run can be refused before it starts: libtorch's binding has no query of a device's free memory.
/// NVML counts devices physically; a numeric CUDA_VISIBLE_DEVICES list maps cuda:N to its N-th entry. Null wherever
/// NVML is missing or fails (no GPU, another vendor, UUID-style device lists): the check is then skipped.
/// </summary>
public static class GpuMemory
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

    /// <summary>Free bytes of cuda:<paramref name="cudaIndex"/>, or null when NVML cannot say.</summary>
    public static long? FreeBytes(int cudaIndex)
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
        return cudaIndex < entries.Length && int.TryParse(entries[cudaIndex], out var physical) ? physical : null;
    }
}
