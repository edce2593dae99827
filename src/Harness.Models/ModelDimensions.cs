namespace Harness.Models;

/// <summary>
/// The sizes that decide how much memory a forward and backward pass takes: layers, hidden size, attention heads and
/// vocabulary (config.json's n_layer / num_hidden_layers, ...). Enough to plan batches before running anything.
/// </summary>
public sealed record ModelDimensions(long Layers, long Hidden, long Heads, long Vocabulary)
{
    /// <summary>
    /// Bytes of activations one sequence of <paramref name="tokens"/> keeps through a backward pass, with the output
    /// layer run at <paramref name="outputPositions"/> of them: per layer and token about 16 hidden-sized tensors
    /// (q, k, v, attention output, the MLP's 4x-wide input and activation, norms, residuals) and one attention row per
    /// head, plus the logits and their float32 log-softmax at each output position. An estimate within a small factor,
    /// not a bound.
    /// </summary>
    public long ActivationBytes(long tokens, long outputPositions, int elementBytes) =>
        tokens * Layers * (16 * Hidden + Heads * tokens) * elementBytes + outputPositions * Vocabulary * (elementBytes + 2L * 4);
}
