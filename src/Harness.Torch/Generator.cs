using System.Runtime.InteropServices;
using Harness.Torch.Native;

namespace Harness.Torch;

/// <summary>A seeded random-number generator of its own (torch.Generator): results drawn from it
/// depend only on its seed and the calls made with it, not on other code's use of randomness.</summary>
public sealed class Generator : SafeHandle
{
    /// <summary>A random generator seeded with <paramref name="seed"/> on <paramref name="device"/> (default: the CPU).</summary>
    public Generator(ulong seed, Device? device = null)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        var d = device ?? Device.CPU;
        var h = Hx.hx_generator_new(seed, (int)d.type, d.index);
        if (h == IntPtr.Zero) throw TorchException.FromLastError("Generator");
        SetHandle(h);
        this.device = d;
    }

    /// <summary>The device the generator draws for.</summary>
    public Device device { get; }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The seed the generator was created with (torch.Generator.initial_seed).</summary>
    public ulong initial_seed()
    {
        Tensor.Check(Hx.hx_generator_seed(this, out var seed));
        return seed;
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Hx.hx_generator_free(handle);
        return true;
    }

    /// <summary>The raw handle for a call that takes an optional generator; the caller keeps
    /// <paramref name="g"/> alive across the call.</summary>
    internal static IntPtr HandleOf(Generator? g)
    {
        if (g is null) return IntPtr.Zero;
        ObjectDisposedException.ThrowIf(g.IsClosed, g);
        return g.handle;
    }
}
