namespace Harness.Torch;

/// <summary>
/// Frees every tensor created on this thread while the scope is the innermost one, unless the
/// tensor was moved out (<see cref="Tensor.MoveToOuterDisposeScope"/>) or detached from it
/// (<see cref="Tensor.DetachFromDisposeScope"/>); TorchSharp's NewDisposeScope. Scopes nest and
/// are per thread; disposing one disposes the scopes still open inside it (see <see cref="Dispose"/>).
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

    /// <summary>
    /// Frees every tensor still owned and makes the enclosing scope current again. Scopes opened inside
    /// this one and still open are disposed first, innermost first: they leaked (an exception skipped
    /// their Dispose, as in a constructor that threw after opening one). Why not throw instead: this
    /// Dispose usually runs while that exception unwinds, and an exception thrown here would replace
    /// it, so the caller would see a disposal-order error rather than what failed; and a leaked scope
    /// left current would own every tensor the thread makes afterwards.
    /// </summary>
    public void Dispose()
    {
        if (disposed) return;
        if (Thread.CurrentThread != owner)
            throw new InvalidOperationException("A DisposeScope must be disposed on the thread that created it.");
        if (!IsOpenOnThisThread())
            throw new InvalidOperationException("This DisposeScope is not among the open scopes of its thread.");
        while (current != this) current!.Dispose();
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

    /// <summary>Whether this scope is the current one or encloses it. Always so for an undisposed scope
    /// on its own thread, since disposing a scope disposes those inside it; checked so that a broken
    /// chain fails here rather than disposing scopes that are not inside this one.</summary>
    private bool IsOpenOnThisThread()
    {
        for (var scope = current; scope is not null; scope = scope.Outer)
            if (scope == this) return true;
        return false;
    }
}
