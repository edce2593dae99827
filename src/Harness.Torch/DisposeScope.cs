namespace Harness.Torch;

/// <summary>
/// Frees every tensor created on this thread while the scope is the innermost one, unless the
/// tensor was moved out (<see cref="Tensor.MoveToOuterDisposeScope"/>) or detached from it
/// (<see cref="Tensor.DetachFromDisposeScope"/>); TorchSharp's NewDisposeScope. Scopes nest and
/// are per thread.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly HashSet<Tensor> owned = new(ReferenceEqualityComparer.Instance);
    private readonly Thread owner = Thread.CurrentThread;
    private bool disposed;

    internal DisposeScope()
    {
        Outer = current;
        current = this;
    }

    /// <summary>The innermost scope of the calling thread, if any.</summary>
    internal static DisposeScope? Current => current;

    internal DisposeScope? Outer { get; }

    /// <summary>How many tensors this scope would free now.</summary>
    public int Count => owned.Count;

    internal void Add(Tensor t) => owned.Add(t);

    internal void Remove(Tensor t) => owned.Remove(t);

    /// <summary>Frees every tensor still owned and makes the enclosing scope current again.</summary>
    public void Dispose()
    {
        if (disposed) return;
        if (Thread.CurrentThread != owner)
            throw new InvalidOperationException("A DisposeScope must be disposed on the thread that created it.");
        if (current != this)
            throw new InvalidOperationException("DisposeScopes must be disposed innermost first.");
        disposed = true;
        current = Outer;
        var tensors = owned.ToArray();
        owned.Clear();
        foreach (var t in tensors)
        {
            t.OwningScope = null;
            t.Dispose();
        }
    }
}
