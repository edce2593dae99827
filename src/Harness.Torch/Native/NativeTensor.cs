using System.Runtime.InteropServices;

namespace Harness.Torch.Native;

/// <summary>P/Invoke for native/include/hx_tensor.h.</summary>
internal static partial class Hx
{
    [DllImport(Library)] internal static extern unsafe IntPtr hx_from_data(void* data, long* shape, long ndim, int dtype, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_from_data_as(void* data, long* shape, long ndim, int dtype, int toDtype, int transpose, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_empty(long* shape, long ndim, int dtype, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_zeros(long* shape, long ndim, int dtype, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_ones(long* shape, long ndim, int dtype, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_full(long* shape, long ndim, HxScalar value, int dtype, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern IntPtr hx_arange(HxScalar start, HxScalar end, HxScalar step, int dtype, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern IntPtr hx_linspace(double start, double end, long steps, int dtype, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern IntPtr hx_eye(long n, long m, int dtype, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern IntPtr hx_zeros_like(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_ones_like(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_full_like(Tensor t, HxScalar value);

    [DllImport(Library)] internal static extern long hx_dim(Tensor t);
    [DllImport(Library)] internal static extern unsafe int hx_shape(Tensor t, long* shape);
    [DllImport(Library)] internal static extern long hx_numel(Tensor t);
    [DllImport(Library)] internal static extern int hx_dtype(Tensor t);
    [DllImport(Library)] internal static extern int hx_device(Tensor t, out int type, out int index);
    [DllImport(Library)] internal static extern int hx_is_contiguous(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_to_string(Tensor t);

    [DllImport(Library)] internal static extern unsafe int hx_copy_to_host(Tensor t, void* destination, long nbytes);
    [DllImport(Library)] internal static extern int hx_item(Tensor t, out HxScalar value);

    [DllImport(Library)] internal static extern IntPtr hx_to(Tensor t, int dtype, int deviceType, int deviceIndex, int copy);
    [DllImport(Library)] internal static extern IntPtr hx_clone(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_contiguous(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_alias(Tensor t);

    [DllImport(Library)] internal static extern IntPtr hx_generator_new(ulong seed, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern void hx_generator_free(IntPtr g);
    [DllImport(Library)] internal static extern int hx_generator_seed(Generator g, out ulong seed);
    [DllImport(Library)] internal static extern int hx_manual_seed(ulong seed);

    [DllImport(Library)] internal static extern unsafe IntPtr hx_rand(long* shape, long ndim, IntPtr generator, int dtype, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_randn(long* shape, long ndim, IntPtr generator, int dtype, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_randint(long low, long high, long* shape, long ndim, IntPtr generator, int dtype, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern IntPtr hx_randperm(long n, IntPtr generator, int dtype, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern IntPtr hx_bernoulli(Tensor probabilities, IntPtr generator);
    [DllImport(Library)] internal static extern IntPtr hx_bernoulli_p(Tensor like, double p, IntPtr generator);
    [DllImport(Library)] internal static extern IntPtr hx_multinomial(Tensor probabilities, long samples, int replacement, IntPtr generator);
}
