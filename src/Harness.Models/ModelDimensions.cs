namespace Harness.Models;

/// <summary>
/// The sizes that decide how much memory a forward and backward pass takes: layers, hidden size, attention heads and
/// vocabulary (config.json's n_layer / num_hidden_layers, ...). Enough to plan batches before running anything.
/// </summary>
public sealed record ModelDimensions(long Layers, long Hidden, long Heads, long Vocabulary)
{
    /// <summary>The dimensions a config.json states, in any architecture's spelling (n_layer or num_hidden_layers, ...),
    /// 0 where it gives none: read without loading the model.</summary>
    public static ModelDimensions FromConfig(System.Text.Json.JsonElement config)
    {
        long Size(params string[] keys) =>
            keys.Select(k => config.TryGetProperty(k, out var v) && v.TryGetInt64(out var n) ? n : 0).FirstOrDefault(n => n > 0);
        return new ModelDimensions(Size("n_layer", "num_hidden_layers"), Size("n_embd", "hidden_size"), Size("n_head", "num_attention_heads"), Size("vocab_size"));
    }

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
