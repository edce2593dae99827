using System.Text.Json.Serialization;

namespace Harness.Models.Architectures.Gpt2;

/// <summary>GPT-2's config.json. Defaults: transformers' GPT2Config (the 124M model).</summary>
public sealed record Gpt2Config
{
    /// <summary>Written into config.json so a saved model loads back as GPT-2.</summary>
    [JsonPropertyName("model_type")] public string ModelType => "gpt2";

    [JsonPropertyName("vocab_size")] public long VocabSize { get; init; } = 50257;
    [JsonPropertyName("n_positions")] public long MaxPositions { get; init; } = 1024;
    [JsonPropertyName("n_embd")] public long Hidden { get; init; } = 768;
    [JsonPropertyName("n_layer")] public int Layers { get; init; } = 12;
    [JsonPropertyName("n_head")] public long Heads { get; init; } = 12;

    /// <summary>MLP width; null means 4 * n_embd.</summary>
    [JsonPropertyName("n_inner")] public long? Inner { get; init; }

    [JsonPropertyName("activation_function")] public string Activation { get; init; } = "gelu_new";
    [JsonPropertyName("layer_norm_epsilon")] public double LayerNormEps { get; init; } = 1e-5;
    [JsonPropertyName("initializer_range")] public double InitializerRange { get; init; } = 0.02;
    [JsonPropertyName("scale_attn_weights")] public bool ScaleAttentionWeights { get; init; } = true;
    [JsonPropertyName("scale_attn_by_inverse_layer_idx")] public bool ScaleByInverseLayerIndex { get; init; }
    [JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; init; } = true;
    [JsonPropertyName("bos_token_id")] public long? BosTokenId { get; init; } = 50256;
    [JsonPropertyName("eos_token_id")] public long? EosTokenId { get; init; } = 50256;

    [JsonIgnore] public long InnerSize => Inner ?? 4 * Hidden;

    [JsonIgnore] public long HeadDim => Hidden / Heads;
}
