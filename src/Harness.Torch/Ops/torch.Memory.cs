using Harness.Torch.Native;

namespace Harness.Torch;

public static partial class torch
{
    /// <summary>The elements at <paramref name="data"/> (<paramref name="dtype"/>, <paramref name="shape"/>) copied once,
    /// straight into a new contiguous tensor of <paramref name="asType"/> on <paramref name="device"/>, read transposed
    /// when <paramref name="transposed"/> (2-D only: [r, c] in memory gives [c, r]). Dtype conversion, transposition
    /// and the move share that one copy; on CUDA it is staged in pinned memory and asynchronous (synchronise the device
    /// before timing it). The source memory may be released once this returns.</summary>
    public static unsafe Tensor from_buffer(IntPtr data, long[] shape, ScalarType dtype, ScalarType asType, Device device, bool transposed = false)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(data, IntPtr.Zero);
        if (transposed && shape.Length != 2) throw new ArgumentException($"a transposed read needs a 2-D shape, got [{string.Join(", ", shape)}]", nameof(transposed));
        fixed (long* p = shape)
            return Tensor.Wrap(Hx.hx_from_data_as((void*)data, p, shape.Length, (int)dtype, (int)asType, transposed ? 1 : 0, (int)device.type, device.index));
    }
}
