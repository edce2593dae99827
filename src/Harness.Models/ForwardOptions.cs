namespace Harness.Models;

/// <summary>Which extra outputs a forward pass returns; logits at every position always come back.</summary>
public sealed record ForwardOptions
{
    public static readonly ForwardOptions Default = new();

    /// <summary>Per-layer attention probabilities [B, H, T, S].</summary>
    public bool OutputAttentions { get; init; }

    /// <summary>Hidden states [B, T, D]: the embedding output, each layer's output, the last after the final norm.</summary>
    public bool OutputHiddenStates { get; init; }

    /// <summary>When set, receives the activations at its requested capture points.</summary>
    public ActivationCapture? Capture { get; init; }
}
