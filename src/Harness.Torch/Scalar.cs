using Harness.Torch.Native;

namespace Harness.Torch;

/// <summary>A number passed to an operation: integers stay integers, so int64 tensors stay int64
/// (PyTorch's type promotion for Python ints and floats).</summary>
public readonly struct Scalar
{
    internal readonly HxScalar Value;

    private Scalar(HxScalar value) => Value = value;

    /// <summary>The C# value as a libtorch scalar.</summary>
    public static implicit operator Scalar(double v) => new(new HxScalar(0, v, 0));
    /// <summary>The C# value as a libtorch scalar.</summary>
    public static implicit operator Scalar(float v) => new(new HxScalar(0, v, 0));
    /// <summary>The C# value as a libtorch scalar.</summary>
    public static implicit operator Scalar(long v) => new(new HxScalar(1, v, v));
    /// <summary>The C# value as a libtorch scalar.</summary>
    public static implicit operator Scalar(int v) => new(new HxScalar(1, v, v));
    /// <summary>The C# value as a libtorch scalar.</summary>
    public static implicit operator Scalar(bool v) => new(new HxScalar(2, v ? 1 : 0, v ? 1 : 0));

    /// <summary>Whether the value is a floating-point number (else an integer or a Boolean).</summary>
    public bool IsFloatingPoint => Value.Kind == 0;

    /// <summary>The value as a double.</summary>
    public double ToDouble() => Value.Kind == 0 ? Value.D : Value.I;

    /// <summary>The value as a long (a floating-point value truncated).</summary>
    public long ToInt64() => Value.Kind == 0 ? (long)Value.D : Value.I;

    /// <summary>The value in invariant notation.</summary>
    public override string ToString() => Value.Kind switch
    {
        0 => Value.D.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        2 => Value.I != 0 ? "True" : "False",
        _ => Value.I.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
