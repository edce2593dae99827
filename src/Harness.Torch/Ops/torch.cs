using Harness.Torch.Native;

namespace Harness.Torch;

/// <summary>The binding's entry point, named and shaped like PyTorch's torch module; the
/// operations are in the partial files beside this one.</summary>
public static partial class torch
{
    /// <summary>The 32-bit float dtype, <see cref="ScalarType"/> by PyTorch's name.</summary>
    public const ScalarType float32 = ScalarType.Float32;
    /// <summary>The 16-bit IEEE half dtype, <see cref="ScalarType"/> by PyTorch's name.</summary>
    public const ScalarType float16 = ScalarType.Float16;
    /// <summary>The 16-bit brain float dtype, <see cref="ScalarType"/> by PyTorch's name.</summary>
    public const ScalarType bfloat16 = ScalarType.BFloat16;
    /// <summary>The 64-bit float dtype, <see cref="ScalarType"/> by PyTorch's name.</summary>
    public const ScalarType float64 = ScalarType.Float64;
    /// <summary>The 64-bit signed integer dtype, <see cref="ScalarType"/> by PyTorch's name.</summary>
    public const ScalarType int64 = ScalarType.Int64;
    /// <summary>The 32-bit signed integer dtype, <see cref="ScalarType"/> by PyTorch's name.</summary>
    public const ScalarType int32 = ScalarType.Int32;
    /// <summary>The 16-bit signed integer dtype, <see cref="ScalarType"/> by PyTorch's name.</summary>
    public const ScalarType int16 = ScalarType.Int16;
    /// <summary>The 8-bit signed integer dtype, <see cref="ScalarType"/> by PyTorch's name.</summary>
    public const ScalarType int8 = ScalarType.Int8;
    /// <summary>The 8-bit unsigned integer dtype, <see cref="ScalarType"/> by PyTorch's name.</summary>
    public const ScalarType uint8 = ScalarType.UInt8;
    /// <summary>The Boolean dtype, <see cref="ScalarType"/> by PyTorch's name.</summary>
    public const ScalarType @bool = ScalarType.Bool;

    /// <summary>The CPU device.</summary>
    public static Device CPU => Device.CPU;

    /// <summary>The device named <paramref name="name"/>: "cpu", "cuda" or "cuda:N".</summary>
    public static Device device(string name) => Device.Parse(name);

    /// <summary>Version of the libtorch the shim was built against, e.g. "1.13.0".</summary>
    public static string version => System.Runtime.InteropServices.Marshal.PtrToStringUTF8(Hx.hx_torch_version()) ?? "";

    /// <summary>Opens a scope that frees the tensors created in it (see <see cref="DisposeScope"/>).</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Seeds the default generator of every device (torch.manual_seed).</summary>
    public static void manual_seed(ulong seed) => Tensor.Check(Hx.hx_manual_seed(seed));

    /// <summary>Threads libtorch uses for intra-op parallelism (PyTorch's <c>torch.get_num_threads</c>).</summary>
    public static int get_num_threads() => Hx.hx_get_num_threads();

    /// <summary>Sets libtorch's intra-op threads. They start at the number of CPUs this process may
    /// use (HARNESS_NUM_THREADS overrides), not at libtorch's default, which is 1 on small VMs.</summary>
    public static void set_num_threads(int threads) => Tensor.Check(Hx.hx_set_num_threads(threads));

    /// <summary>Threads libtorch uses for inter-op parallelism (PyTorch's <c>torch.get_num_interop_threads</c>).</summary>
    public static int get_num_interop_threads() => Hx.hx_get_num_interop_threads();
}
