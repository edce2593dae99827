namespace Harness.Models;

/// <summary>Which extra outputs a forward pass returns, and at which positions the output layer runs.</summary>
public sealed record ForwardOptions
{
    /// <summary>Logits at every position, nothing captured.</summary>
    public static readonly ForwardOptions Default = new();

    /// <summary>Per-layer attention probabilities [B, H, T, S].</summary>
    public bool OutputAttentions { get; init; }

    /// <summary>Hidden states [B, T, D]: the embedding output, each layer's output, the last after the final norm.</summary>
    public bool OutputHiddenStates { get; init; }

    /// <summary>When set, receives the activations at its requested capture points.</summary>
    public ActivationCapture? Capture { get; init; }

    /// <summary>Run the output layer only at the last n positions (Logits [B, n, V]); every position when null. The
    /// output layer is ~30% of a small model's forward and its logits the largest buffer, while a scorer reads only the
    /// positions that predict the target.</summary>
    public int? LastPositions { get; init; }

    /// <summary>Hidden states [B, T, D] cut to the positions the output layer runs at.</summary>
    public Harness.Torch.Tensor AtOutputPositions(Harness.Torch.Tensor hidden) =>
        LastPositions is { } n && n < hidden.size(1) ? hidden.narrow(1, hidden.size(1) - n, n) : hidden;
}
