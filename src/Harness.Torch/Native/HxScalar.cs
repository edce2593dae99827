using System.Runtime.InteropServices;

namespace Harness.Torch.Native;

/// <summary>The shim's hx_scalar: kind 0 = double, 1 = int64, 2 = bool.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct HxScalar
{
    public readonly int Kind;
    public readonly double D;
    public readonly long I;

    public HxScalar(int kind, double d, long i)
    {
        Kind = kind;
        D = d;
        I = i;
    }
}
