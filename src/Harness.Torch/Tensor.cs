using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Harness.Torch.Native;

namespace Harness.Torch;

/// <summary>
/// An n-dimensional array owned by libtorch (an at::Tensor behind a handle). Freed by Dispose,
/// by the innermost <see cref="DisposeScope"/> it was created in, or at the latest by the
/// finalizer. Operations are in the partial files beside this one, named as in PyTorch.
/// </summary>
public sealed partial class Tensor : SafeHandle
{
    private static long live;

    private Tensor(IntPtr h)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(h);
        Interlocked.Increment(ref live);
        OwningScope = DisposeScope.Current;
        OwningScope?.Add(this);
    }

    /// <summary>Tensors of the whole process not yet freed (leak tests compare it before and after).</summary>
    public static long LiveCount => Interlocked.Read(ref live);

    internal DisposeScope? OwningScope { get; set; }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Hx.hx_free(handle);
        Interlocked.Decrement(ref live);
        return true;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            OwningScope?.Remove(this);
            OwningScope = null;
        }

        base.Dispose(disposing);
    }

    /// <summary>Hands the tensor to the scope around the current one (or to nobody, when there is
    /// none), so it outlives the current scope.</summary>
    public Tensor MoveToOuterDisposeScope()
    {
        var scope = OwningScope;
        if (scope is null) return this;
        scope.Remove(this);
        OwningScope = scope.Outer;
        OwningScope?.Add(this);
        return this;
    }

    /// <summary>Takes the tensor out of every scope: only Dispose (or the finalizer) frees it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        OwningScope?.Remove(this);
        OwningScope = null;
        return this;
    }

    /// <summary>Wraps a handle the shim returned; a null handle means the call failed.</summary>
    internal static Tensor Wrap(IntPtr h, [CallerMemberName] string op = "") =>
        h == IntPtr.Zero ? throw TorchException.FromLastError(op) : new Tensor(h);

    /// <summary>Wraps a handle that may legitimately be null (an absent gradient).</summary>
    internal static Tensor? WrapOptional(IntPtr h) => h == IntPtr.Zero ? null : new Tensor(h);

    /// <summary>Throws the shim's error when a status-returning call failed.</summary>
    internal static void Check(int status, [CallerMemberName] string op = "")
    {
        if (status != 0) throw TorchException.FromLastError(op);
    }

    /// <summary>The raw handle of an optional argument; the caller keeps <paramref name="t"/> alive.</summary>
    internal static IntPtr HandleOf(Tensor? t)
    {
        if (t is null) return IntPtr.Zero;
        ObjectDisposedException.ThrowIf(t.IsClosed, t);
        return t.handle;
    }

    /// <summary>Runs a native call on a list of tensors, keeping each alive and un-freed meanwhile.</summary>
    internal static unsafe T WithHandles<T>(IReadOnlyList<Tensor> tensors, Func<IntPtr[], T> call)
    {
        var handles = new IntPtr[tensors.Count];
        var added = new bool[tensors.Count];
        try
        {
            for (var i = 0; i < tensors.Count; i++)
            {
                tensors[i].DangerousAddRef(ref added[i]);
                handles[i] = tensors[i].DangerousGetHandle();
            }

            return call(handles);
        }
        finally
        {
            for (var i = 0; i < tensors.Count; i++)
                if (added[i]) tensors[i].DangerousRelease();
        }
    }

    /// <summary>Turns a native tensor list into tensors and frees the list.</summary>
    internal static Tensor[] FromList(IntPtr list, [CallerMemberName] string op = "")
    {
        if (list == IntPtr.Zero) throw TorchException.FromLastError(op);
        try
        {
            var n = Hx.hx_list_len(list);
            var result = new Tensor[n];
            for (var i = 0; i < n; i++) result[i] = Wrap(Hx.hx_list_get(list, i), op);
            return result;
        }
        finally
        {
            Hx.hx_list_free(list);
        }
    }

    // ---- metadata ----------------------------------------------------------------------------

    /// <summary>Number of dimensions.</summary>
    public long ndim => Hx.hx_dim(this);

    /// <summary>Number of dimensions (PyTorch's <c>Tensor.dim</c>).</summary>
    public long dim() => ndim;

    /// <summary>The size of every dimension (torch.Size).</summary>
    public unsafe long[] shape
    {
        get
        {
            var result = new long[Hx.hx_dim(this)];
            fixed (long* p = result) Check(Hx.hx_shape(this, p));
            return result;
        }
    }

    /// <summary>The size of one dimension; negative counts from the end.</summary>
    public long size(long dim)
    {
        var s = shape;
        var d = dim < 0 ? dim + s.Length : dim;
        if (d < 0 || d >= s.Length)
            throw new ArgumentOutOfRangeException(nameof(dim), $"dimension {dim} is out of range for a tensor of {s.Length} dimensions");
        return s[d];
    }

    /// <summary>Number of elements (PyTorch's <c>Tensor.numel</c>).</summary>
    public long numel() => Hx.hx_numel(this);

    /// <summary>The element type (PyTorch's <c>Tensor.dtype</c>).</summary>
    public ScalarType dtype => (ScalarType)Hx.hx_dtype(this);

    /// <summary>The device the tensor's storage is on (PyTorch's <c>Tensor.device</c>).</summary>
    public Device device
    {
        get
        {
            Check(Hx.hx_device(this, out var type, out var index));
            return new Device((DeviceType)type, index);
        }
    }

    /// <summary>Whether the elements are laid out densely in row-major order (PyTorch's <c>Tensor.is_contiguous</c>).</summary>
    public bool is_contiguous() => Hx.hx_is_contiguous(this) != 0;

    /// <summary>Whether the dtype is a floating-point type (PyTorch's <c>Tensor.is_floating_point</c>).</summary>
    public bool is_floating_point() => dtype is ScalarType.Float32 or ScalarType.Float64 or ScalarType.Float16 or ScalarType.BFloat16;

    /// <summary>Shape, dtype and device, e.g. "tensor [2, 3] Float32 cpu"; <see cref="print"/> shows values.</summary>
    public override string ToString() => IsClosed ? "tensor (disposed)" : $"tensor [{string.Join(", ", shape)}] {dtype} {device}";

    /// <summary>The values as libtorch prints them.</summary>
    public string print() => Marshal.PtrToStringUTF8(Hx.hx_to_string(this)) ?? "";

    // ---- values back to .NET -------------------------------------------------------------------

    /// <summary>Copies the values (row-major) into a new array; T must match the dtype exactly.</summary>
    public unsafe T[] ToArray<T>() where T : unmanaged
    {
        var expected = ElementTypes.Of<T>();
        if (dtype != expected)
            throw new InvalidOperationException($"ToArray<{typeof(T).Name}> needs a {expected} tensor, this one is {dtype}; convert it with to({expected}) first.");
        var result = new T[numel()];
        fixed (T* p = result) Check(Hx.hx_copy_to_host(this, p, (long)result.Length * sizeof(T)), "ToArray");
        return result;
    }

    /// <summary>The raw bytes of the values (row-major, the tensor's own dtype, little-endian), for
    /// writers of weight files; works for every dtype, bfloat16 included.</summary>
    public unsafe byte[] ToBytes()
    {
        var result = new byte[numel() * ElementSize(dtype)];
        fixed (byte* p = result) Check(Hx.hx_copy_to_host(this, p, result.Length), "ToBytes");
        return result;
    }

    /// <summary>Bytes per element of a dtype.</summary>
    public static int ElementSize(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        _ => 1,
    };

    /// <summary>The value of a one-element tensor as a double.</summary>
    public double ToDouble()
    {
        Check(Hx.hx_item(this, out var v), "item");
        return v.Kind == 0 ? v.D : v.I;
    }

    /// <summary>The value of a one-element tensor as an integer.</summary>
    public long ToInt64()
    {
        Check(Hx.hx_item(this, out var v), "item");
        return v.Kind == 0 ? (long)v.D : v.I;
    }

    /// <summary>The value of a one-element tensor (Tensor.item()).</summary>
    public Scalar item()
    {
        Check(Hx.hx_item(this, out var v));
        return v.Kind switch { 0 => v.D, 2 => v.I != 0, _ => v.I };
    }

    /// <summary>The value of a one-element tensor (PyTorch's <c>Tensor.item</c>).</summary>
    public T item<T>() where T : unmanaged
    {
        var v = item();
        object boxed = typeof(T) == typeof(float) ? (float)v.ToDouble()
            : typeof(T) == typeof(double) ? v.ToDouble()
            : typeof(T) == typeof(long) ? v.ToInt64()
            : typeof(T) == typeof(int) ? (int)v.ToInt64()
            : typeof(T) == typeof(bool) ? v.ToInt64() != 0
            : throw new NotSupportedException($"item<{typeof(T).Name}> is not supported; use float, double, long, int or bool.");
        return (T)boxed;
    }

    // ---- conversion ----------------------------------------------------------------------------

    /// <summary>This tensor converted to the dtype and/or device (itself when nothing changes, unless <paramref name="copy"/>).</summary>
    public Tensor to(ScalarType dtype, bool copy = false) => Wrap(Hx.hx_to(this, (int)dtype, -1, 0, copy ? 1 : 0));

    /// <summary>This tensor converted to the dtype and/or device (itself when nothing changes, unless <paramref name="copy"/>).</summary>
    public Tensor to(Device device, bool copy = false) => Wrap(Hx.hx_to(this, -1, (int)device.type, device.index, copy ? 1 : 0));

    /// <summary>This tensor converted to the dtype and/or device (itself when nothing changes, unless <paramref name="copy"/>).</summary>
    public Tensor to(ScalarType dtype, Device device, bool copy = false) =>
        Wrap(Hx.hx_to(this, (int)dtype, (int)device.type, device.index, copy ? 1 : 0));

    /// <summary>This tensor on the device named <paramref name="device"/> ("cpu", "cuda:N").</summary>
    public Tensor to(string device) => to(Device.Parse(device));

    /// <summary>This tensor on the CPU (itself when already there) (PyTorch's <c>Tensor.cpu</c>).</summary>
    public Tensor cpu() => to(Device.CPU);

    /// <summary>This tensor on CUDA device <paramref name="index"/> (PyTorch's <c>Tensor.cuda</c>).</summary>
    public Tensor cuda(int index = 0) => to(Device.CUDA(index));

    /// <summary>This tensor converted to the dtype of the other (PyTorch's <c>Tensor.type_as</c>).</summary>
    public Tensor type_as(Tensor other) => to(other.dtype);

    /// <summary>A copy with its own storage (recorded by autograd) (PyTorch's <c>Tensor.clone</c>).</summary>
    public Tensor clone() => Wrap(Hx.hx_clone(this));

    /// <summary>This tensor when contiguous, else a contiguous copy (PyTorch's <c>Tensor.contiguous</c>).</summary>
    public Tensor contiguous() => Wrap(Hx.hx_contiguous(this));

    /// <summary>A second handle to this same tensor (same storage, same autograd identity), owned
    /// separately: disposing one leaves the other valid.</summary>
    public Tensor alias() => Wrap(Hx.hx_alias(this));
}
