using Harness.Torch.Native;

namespace Harness.Torch;

/// <summary>A number passed to an operation: integers stay integers, so int64 tensors stay int64
/// (PyTorch's type promotion for Python ints and floats).</summary>
public readonly struct Scalar
{
    internal readonly HxScalar Value;

    private Scalar(HxScalar value) => Value = value;

    public static implicit operator Scalar(double v) => new(new HxScalar(0, v, 0));
    public static implicit operator Scalar(float v) => new(new HxScalar(0, v, 0));
    public static implicit operator Scalar(long v) => new(new HxScalar(1, v, v));
    public static implicit operator Scalar(int v) => new(new HxScalar(1, v, v));
    public static implicit operator Scalar(bool v) => new(new HxScalar(2, v ? 1 : 0, v ? 1 : 0));

    public bool IsFloatingPoint => Value.Kind == 0;

    public double ToDouble() => Value.Kind == 0 ? Value.D : Value.I;

    public long ToInt64() => Value.Kind == 0 ? (long)Value.D : Value.I;

    public override string ToString() => Value.Kind switch
    {
        0 => Value.D.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        2 => Value.I != 0 ? "True" : "False",
        _ => Value.I.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
