using System.Runtime.InteropServices;

namespace Harness.Torch.Native;

/// <summary>P/Invoke for native/include/hx_core.h.</summary>
internal static partial class Hx
{
    internal const string Library = "harness_torch";

    [DllImport(Library)] internal static extern IntPtr hx_last_error();
    [DllImport(Library)] internal static extern void hx_free(IntPtr t);

    [DllImport(Library)] internal static extern long hx_list_len(IntPtr list);
    [DllImport(Library)] internal static extern IntPtr hx_list_get(IntPtr list, long i);
    [DllImport(Library)] internal static extern void hx_list_free(IntPtr list);

    [DllImport(Library)] internal static extern IntPtr hx_torch_version();
    [DllImport(Library)] internal static extern IntPtr hx_build_config();
    [DllImport(Library)] internal static extern IntPtr hx_parallel_info();
    [DllImport(Library)] internal static extern IntPtr hx_loaded_blas();

    [DllImport(Library)] internal static extern int hx_get_num_threads();
    [DllImport(Library)] internal static extern int hx_set_num_threads(int n);
    [DllImport(Library)] internal static extern int hx_get_num_interop_threads();

    [DllImport(Library)] internal static extern int hx_is_grad_enabled();
    [DllImport(Library)] internal static extern void hx_set_grad_enabled(int enabled);

    [DllImport(Library)] internal static extern int hx_cuda_is_available();
    [DllImport(Library)] internal static extern int hx_cuda_device_count();
    [DllImport(Library)] internal static extern unsafe int hx_cuda_device_name(int index, byte* buffer, int capacity);
    [DllImport(Library)] internal static extern int hx_cuda_driver_version(out int version);
    [DllImport(Library)] internal static extern int hx_cuda_synchronize(int index);
    [DllImport(Library)] internal static extern int hx_cuda_memory_stats_supported();
    [DllImport(Library)] internal static extern int hx_cuda_memory_allocated(int index, out long current, out long peak);
    [DllImport(Library)] internal static extern int hx_cuda_reset_peak_memory_stats(int index);
}
