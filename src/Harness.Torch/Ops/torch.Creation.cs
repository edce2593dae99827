using Harness.Torch.Native;

namespace Harness.Torch;

// Creation ops (pytorch.org/docs/stable/torch.html#creation-ops).
public static partial class torch
{
    /// <summary>A tensor holding a copy of <paramref name="data"/>; shape defaults to 1-D. The
    /// dtype follows the element type (float -> float32, long -> int64, bool -> bool, ...).</summary>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> data, long[]? shape = null, Device? device = null, bool requires_grad = false)
        where T : unmanaged
    {
        shape ??= [data.Length];
        long count = 1;
        foreach (var s in shape) count *= s;
        if (count != data.Length)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {count} elements, the data {data.Length}");
        var d = device ?? Device.CPU;
        Tensor result;
        fixed (T* p = data)
        fixed (long* sp = shape)
            result = Tensor.Wrap(Hx.hx_from_data(p, sp, shape.Length, (int)ElementTypes.Of<T>(), (int)d.type, d.index));
        if (requires_grad) result.requires_grad = true;
        return result;
    }

    /// <summary>A tensor holding a copy of <paramref name="data"/> in <paramref name="shape"/> (default: 1-D) on <paramref name="device"/>.</summary>
    public static Tensor tensor<T>(T[] data, long[]? shape = null, Device? device = null, bool requires_grad = false)
        where T : unmanaged => tensor((ReadOnlySpan<T>)data, shape, device, requires_grad);

    /// <summary>A tensor holding a copy of <paramref name="data"/> on <paramref name="device"/>.</summary>
    public static Tensor tensor(float[,] data, Device? device = null, bool requires_grad = false) =>
        tensor(Flatten(data), [data.GetLength(0), data.GetLength(1)], device, requires_grad);

    /// <summary>A tensor holding a copy of <paramref name="data"/> on <paramref name="device"/>.</summary>
    public static Tensor tensor(double[,] data, Device? device = null, bool requires_grad = false) =>
        tensor(Flatten(data), [data.GetLength(0), data.GetLength(1)], device, requires_grad);

    /// <summary>A tensor holding a copy of <paramref name="data"/> on <paramref name="device"/>.</summary>
    public static Tensor tensor(long[,] data, Device? device = null) =>
        tensor(Flatten(data), [data.GetLength(0), data.GetLength(1)], device);

    /// <summary>A zero-dimensional tensor.</summary>
    public static Tensor scalar_tensor(Scalar value, ScalarType? dtype = null, Device? device = null) =>
        full([], value, dtype ?? (value.IsFloatingPoint ? float32 : int64), device);

    /// <summary>An uninitialised tensor of the shape (PyTorch's <c>torch.empty</c>).</summary>
    public static unsafe Tensor empty(long[] shape, ScalarType dtype = float32, Device? device = null)
    {
        var d = device ?? Device.CPU;
        fixed (long* p = shape) return Tensor.Wrap(Hx.hx_empty(p, shape.Length, (int)dtype, (int)d.type, d.index));
    }

    /// <summary>A tensor of zeros (PyTorch's <c>torch.zeros</c>).</summary>
    public static unsafe Tensor zeros(long[] shape, ScalarType dtype = float32, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        Tensor t;
        fixed (long* p = shape) t = Tensor.Wrap(Hx.hx_zeros(p, shape.Length, (int)dtype, (int)d.type, d.index));
        if (requires_grad) t.requires_grad = true;
        return t;
    }

    /// <summary>A tensor of ones (PyTorch's <c>torch.ones</c>).</summary>
    public static unsafe Tensor ones(long[] shape, ScalarType dtype = float32, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        Tensor t;
        fixed (long* p = shape) t = Tensor.Wrap(Hx.hx_ones(p, shape.Length, (int)dtype, (int)d.type, d.index));
        if (requires_grad) t.requires_grad = true;
        return t;
    }

    /// <summary>A tensor of the shape filled with the value (PyTorch's <c>torch.full</c>).</summary>
    public static unsafe Tensor full(long[] shape, Scalar value, ScalarType dtype = float32, Device? device = null)
    {
        var d = device ?? Device.CPU;
        fixed (long* p = shape) return Tensor.Wrap(Hx.hx_full(p, shape.Length, value.Value, (int)dtype, (int)d.type, d.index));
    }

    /// <summary>[start, end) in steps; without a dtype, integer bounds give int64 and any floating
    /// bound float32 (as in PyTorch).</summary>
    public static Tensor arange(Scalar start, Scalar end, Scalar? step = null, ScalarType? dtype = null, Device? device = null)
    {
        var d = device ?? Device.CPU;
        Scalar s = step ?? 1;
        return Tensor.Wrap(Hx.hx_arange(start.Value, end.Value, s.Value, (int?)dtype ?? -1, (int)d.type, d.index));
    }

    /// <summary>Values from start up to (not including) end in steps (PyTorch's <c>torch.arange</c>).</summary>
    public static Tensor arange(Scalar end, ScalarType? dtype = null, Device? device = null) => arange(0, end, null, dtype, device);

    /// <summary><paramref name="steps"/> evenly spaced values from start to end, both included (PyTorch's <c>torch.linspace</c>).</summary>
    public static Tensor linspace(double start, double end, long steps, ScalarType dtype = float32, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Hx.hx_linspace(start, end, steps, (int)dtype, (int)d.type, d.index));
    }

    /// <summary>The n x m identity (m defaults to n).</summary>
    public static Tensor eye(long n, long? m = null, ScalarType dtype = float32, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Hx.hx_eye(n, m ?? n, (int)dtype, (int)d.type, d.index));
    }

    /// <summary>Zeros of the other tensor's shape, dtype and device (PyTorch's <c>torch.zeros_like</c>).</summary>
    public static Tensor zeros_like(Tensor t) => Tensor.Wrap(Hx.hx_zeros_like(t));

    /// <summary>Ones of the other tensor's shape, dtype and device (PyTorch's <c>torch.ones_like</c>).</summary>
    public static Tensor ones_like(Tensor t) => Tensor.Wrap(Hx.hx_ones_like(t));

    /// <summary>A tensor of the other's shape, dtype and device filled with the value (PyTorch's <c>torch.full_like</c>).</summary>
    public static Tensor full_like(Tensor t, Scalar value) => Tensor.Wrap(Hx.hx_full_like(t, value.Value));

    private static T[] Flatten<T>(T[,] data)
    {
        var result = new T[data.Length];
        var i = 0;
        foreach (var v in data) result[i++] = v;
        return result;
    }
}
