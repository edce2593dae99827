using System.Runtime.InteropServices;

namespace Harness.Torch.Native;

/// <summary>P/Invoke for native/include/hx_reduce.h.</summary>
internal static partial class Hx
{
    [DllImport(Library)] internal static extern unsafe IntPtr hx_sum(Tensor t, long* dims, long n, int keepdim, int dtype);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_mean(Tensor t, long* dims, long n, int keepdim, int dtype);
    [DllImport(Library)] internal static extern IntPtr hx_prod(Tensor t, int dtype);
    [DllImport(Library)] internal static extern IntPtr hx_max_all(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_min_all(Tensor t);
    [DllImport(Library)] internal static extern int hx_max_dim(Tensor t, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [DllImport(Library)] internal static extern int hx_min_dim(Tensor t, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [DllImport(Library)] internal static extern IntPtr hx_argmax(Tensor t, int hasDim, long dim, int keepdim);
    [DllImport(Library)] internal static extern IntPtr hx_argmin(Tensor t, int hasDim, long dim, int keepdim);
    [DllImport(Library)] internal static extern int hx_topk(Tensor t, long k, long dim, int largest, int sorted, out IntPtr values, out IntPtr indices);
    [DllImport(Library)] internal static extern int hx_sort(Tensor t, long dim, int descending, int stable, out IntPtr values, out IntPtr indices);
    [DllImport(Library)] internal static extern IntPtr hx_cumsum(Tensor t, long dim, int dtype);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_norm(Tensor t, double p, long* dims, long n, int keepdim);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_logsumexp(Tensor t, long* dims, long n, int keepdim);
    [DllImport(Library)] internal static extern IntPtr hx_all(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_any(Tensor t);
    [DllImport(Library)] internal static extern int hx_allclose(Tensor a, Tensor b, double rtol, double atol, out int result);
    [DllImport(Library)] internal static extern int hx_equal(Tensor a, Tensor b, out int result);
}
