using System.Runtime.InteropServices;

namespace Harness.Torch.Native;

/// <summary>P/Invoke for native/include/hx_autograd.h.</summary>
internal static partial class Hx
{
    [DllImport(Library)] internal static extern int hx_requires_grad(Tensor t);
    [DllImport(Library)] internal static extern int hx_set_requires_grad(Tensor t, int requiresGrad);
    [DllImport(Library)] internal static extern int hx_is_leaf(Tensor t);
    [DllImport(Library)] internal static extern int hx_grad(Tensor t, out IntPtr grad);
    [DllImport(Library)] internal static extern int hx_zero_grad(Tensor t);
    [DllImport(Library)] internal static extern int hx_retain_grad(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_detach(Tensor t);
    [DllImport(Library)] internal static extern int hx_backward(Tensor t, IntPtr gradient, int retainGraph, int createGraph);
    [DllImport(Library)] internal static extern unsafe int hx_autograd_grad(IntPtr* outputs, long nOutputs, IntPtr* inputs, long nInputs, IntPtr* gradOutputs, int retainGraph, int createGraph, int allowUnused, IntPtr* results);
}
