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

        public static int device_count() => Hx.hx_cuda_device_count();

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
    }

    /// <summary>torch.__config__: how the loaded libtorch was built and what it runs with.</summary>
    public static class config
    {
        public static string show() => System.Runtime.InteropServices.Marshal.PtrToStringUTF8(Hx.hx_build_config()) ?? "";

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
