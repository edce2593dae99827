using Harness.Torch.Native;

namespace Harness.Torch;

/// <summary>Sets autograd recording on or off for the calling thread until disposed, then restores
/// what it was (torch.no_grad / torch.enable_grad).</summary>
public sealed class GradModeScope : IDisposable
{
    private readonly bool previous;
    private bool disposed;

    internal GradModeScope(bool enabled)
    {
        previous = Hx.hx_is_grad_enabled() != 0;
        Hx.hx_set_grad_enabled(enabled ? 1 : 0);
    }

    /// <summary>Restores the grad mode that was in force before.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        Hx.hx_set_grad_enabled(previous ? 1 : 0);
    }
}
