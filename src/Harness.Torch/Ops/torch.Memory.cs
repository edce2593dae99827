using Harness.Torch.Native;

namespace Harness.Torch;

public static partial class torch
{
    /// <summary>A CPU tensor holding a copy of <paramref name="shape"/>'s worth of
    /// <paramref name="dtype"/> elements read from native memory at <paramref name="data"/> (e.g. a
    /// memory-mapped weight file); the memory may be released once this returns.</summary>
    public static unsafe Tensor from_buffer(IntPtr data, long[] shape, ScalarType dtype)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(data, IntPtr.Zero);
        fixed (long* p = shape)
            return Tensor.Wrap(Hx.hx_from_data((void*)data, p, shape.Length, (int)dtype, (int)DeviceType.CPU, 0));
    }
}
