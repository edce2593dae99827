using System.Runtime.InteropServices;

namespace Harness.Torch.Native;

/// <summary>P/Invoke for native/include/hx_shape.h.</summary>
internal static partial class Hx
{
    [DllImport(Library)] internal static extern unsafe IntPtr hx_view(Tensor t, long* shape, long ndim);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_reshape(Tensor t, long* shape, long ndim);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_permute(Tensor t, long* dims, long ndim);
    [DllImport(Library)] internal static extern IntPtr hx_transpose(Tensor t, long dim0, long dim1);
    [DllImport(Library)] internal static extern IntPtr hx_flatten(Tensor t, long startDim, long endDim);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_expand(Tensor t, long* shape, long ndim);
    [DllImport(Library)] internal static extern IntPtr hx_unsqueeze(Tensor t, long dim);
    [DllImport(Library)] internal static extern IntPtr hx_squeeze(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_squeeze_dim(Tensor t, long dim);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_repeat(Tensor t, long* repeats, long n);
    [DllImport(Library)] internal static extern IntPtr hx_repeat_interleave(Tensor t, long repeats, long dim);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_flip(Tensor t, long* dims, long n);
    [DllImport(Library)] internal static extern IntPtr hx_tril(Tensor t, long diagonal);
    [DllImport(Library)] internal static extern IntPtr hx_triu(Tensor t, long diagonal);

    [DllImport(Library)] internal static extern unsafe IntPtr hx_cat(IntPtr* tensors, long n, long dim);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_stack(IntPtr* tensors, long n, long dim);
    [DllImport(Library)] internal static extern IntPtr hx_split(Tensor t, long splitSize, long dim);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_split_with_sizes(Tensor t, long* sizes, long n, long dim);
    [DllImport(Library)] internal static extern IntPtr hx_chunk(Tensor t, long chunks, long dim);

    [DllImport(Library)] internal static extern IntPtr hx_narrow(Tensor t, long dim, long start, long length);
    [DllImport(Library)] internal static extern IntPtr hx_slice(Tensor t, long dim, long start, long end, long step);
    [DllImport(Library)] internal static extern IntPtr hx_select(Tensor t, long dim, long index);
    [DllImport(Library)] internal static extern IntPtr hx_index_select(Tensor t, long dim, Tensor index);
    [DllImport(Library)] internal static extern IntPtr hx_masked_select(Tensor t, Tensor mask);
    [DllImport(Library)] internal static extern IntPtr hx_gather(Tensor t, long dim, Tensor index);
    [DllImport(Library)] internal static extern IntPtr hx_scatter(Tensor t, long dim, Tensor index, Tensor source);
    [DllImport(Library)] internal static extern IntPtr hx_scatter_value(Tensor t, long dim, Tensor index, HxScalar value);
    [DllImport(Library)] internal static extern IntPtr hx_scatter_add(Tensor t, long dim, Tensor index, Tensor source);
    [DllImport(Library)] internal static extern IntPtr hx_masked_fill(Tensor t, Tensor mask, HxScalar value);
    [DllImport(Library)] internal static extern IntPtr hx_where(Tensor condition, Tensor a, Tensor b);
}
