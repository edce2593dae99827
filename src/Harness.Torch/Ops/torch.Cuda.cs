using System.Text;
using Harness.Torch.Native;

namespace Harness.Torch;

public static partial class torch
{
    /// <summary>torch.cuda: what the shim's libtorch can see. Device names come from the CUDA
    /// driver directly, so the shim needs no CUDA headers and builds the same everywhere.</summary>
    public static class cuda
    {
        /// <summary>True when libtorch was built with CUDA and at least one GPU is visible.</summary>
        public static bool is_available() => Hx.hx_cuda_is_available() != 0;

        /// <summary>Number of CUDA devices libtorch sees (0 without CUDA) (PyTorch's <c>torch.device_count</c>).</summary>
        public static int device_count() => Hx.hx_cuda_device_count();

        /// <summary>The name of CUDA device <paramref name="index"/> (PyTorch's <c>torch.get_device_name</c>).</summary>
        public static unsafe string get_device_name(int index = 0)
        {
            var buffer = new byte[256];
            fixed (byte* p = buffer) Tensor.Check(Hx.hx_cuda_device_name(index, p, buffer.Length), "cuda.get_device_name");
            var end = Array.IndexOf(buffer, (byte)0);
            return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
        }

        /// <summary>The CUDA driver's version as "major.minor".</summary>
        public static string driver_version()
        {
            Tensor.Check(Hx.hx_cuda_driver_version(out var v), "cuda.driver_version");
            return $"{v / 1000}.{v % 1000 / 10}";
        }

        /// <summary>Waits for the work queued on the device (timings must call this).</summary>
        public static void synchronize(int index = 0) => Tensor.Check(Hx.hx_cuda_synchronize(index), "cuda.synchronize");

        /// <summary>True when the caching allocator's statistics can be read: libtorch >= 2.9 (the
        /// shim reads them through c10::DeviceAllocator, which needs no CUDA headers) with a
        /// visible GPU. Otherwise the memory functions below return 0 and reset does nothing.
        /// Not a PyTorch function.</summary>
        public static bool memory_stats_supported() => Hx.hx_cuda_memory_stats_supported() != 0;

        /// <summary>Bytes held by live tensors on the device (the caching allocator's aggregate
        /// allocated_bytes.current); 0 before the first CUDA allocation or without CUDA.</summary>
        // Source: pytorch.org/docs/stable/generated/torch.cuda.memory_allocated.html
        public static long memory_allocated(int index = 0)
        {
            Tensor.Check(Hx.hx_cuda_memory_allocated(index, out var current, out _), "cuda.memory_allocated");
            return current;
        }

        /// <summary>The most bytes held by live tensors on the device since the process started or
        /// the last <see cref="reset_peak_memory_stats"/>; 0 without CUDA.</summary>
        // Source: pytorch.org/docs/stable/generated/torch.cuda.max_memory_allocated.html
        public static long max_memory_allocated(int index = 0)
        {
            Tensor.Check(Hx.hx_cuda_memory_allocated(index, out _, out var peak), "cuda.max_memory_allocated");
            return peak;
        }

        /// <summary>Starts the peaks over from what is allocated now; a no-op without CUDA.</summary>
        public static void reset_peak_memory_stats(int index = 0) =>
            Tensor.Check(Hx.hx_cuda_reset_peak_memory_stats(index), "cuda.reset_peak_memory_stats");
    }

    /// <summary>torch.__config__: how the loaded libtorch was built and what it runs with.</summary>
    public static class config
    {
        /// <summary>libtorch's build configuration (compiler, CUDA, BLAS), as <c>torch.__config__.show()</c> prints it (PyTorch's <c>torch.show</c>).</summary>
        public static string show() => System.Runtime.InteropServices.Marshal.PtrToStringUTF8(Hx.hx_build_config()) ?? "";

        /// <summary>libtorch's threading configuration, as <c>torch.__config__.parallel_info()</c> prints it (PyTorch's <c>torch.parallel_info</c>).</summary>
        public static string parallel_info() => System.Runtime.InteropServices.Marshal.PtrToStringUTF8(Hx.hx_parallel_info()) ?? "";

        /// <summary>The BLAS/LAPACK libraries mapped into this process, resolved through symlinks
        /// (e.g. .../openblas-pthread/libblas.so.3), which is what decides matmul speed.</summary>
        public static IReadOnlyList<string> loaded_blas()
        {
            var text = System.Runtime.InteropServices.Marshal.PtrToStringUTF8(Hx.hx_loaded_blas()) ?? "";
            return text.Split(';', StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
