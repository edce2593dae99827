using Harness.Torch;

namespace Harness.Models;

/// <summary>
/// Collects the activations at the requested <see cref="CapturePoint"/>s during one forward pass.
/// The tensors are the graph's own (not copies), so torch.autograd.grad(objective, captured) gives
/// the gradient at that activation, provided the pass builds a graph: model parameters are frozen,
/// so pass input embeddings that require gradients. They belong to the caller's dispose scope.
/// </summary>
public sealed class ActivationCapture(params CapturePoint[] points)
{
    private readonly HashSet<CapturePoint> wanted = [.. points];
    private readonly Dictionary<(int Layer, CapturePoint Point), Tensor> captured = [];

    /// <summary>Whether <paramref name="point"/> was requested, so an architecture can skip work nobody reads.</summary>
    public bool Wants(CapturePoint point) => wanted.Contains(point);

    /// <summary>Called by architectures; keeps <paramref name="activation"/> when its point was requested.</summary>
    public void Record(int layer, CapturePoint point, Tensor activation)
    {
        if (wanted.Contains(point)) captured[(layer, point)] = activation;
    }

    /// <summary>The activation captured at <paramref name="layer"/> and <paramref name="point"/>; throws when it was not captured.</summary>
    public Tensor Get(int layer, CapturePoint point) =>
        captured.TryGetValue((layer, point), out var t)
            ? t
            : throw new KeyNotFoundException($"no activation was captured at layer {layer}, {point} (requested: {string.Join(", ", wanted)})");

    /// <summary>Every captured activation by layer and point.</summary>
    public IReadOnlyDictionary<(int Layer, CapturePoint Point), Tensor> All => captured;
}
