using System.Text.Json.Serialization;

namespace Harness.Models.Architectures.Gpt2;

/// <summary>GPT-2's config.json. Defaults: transformers' GPT2Config (the 124M model).</summary>
public sealed record Gpt2Config
{
    /// <summary>Written into config.json so a saved model loads back as GPT-2.</summary>
    [JsonPropertyName("model_type")] public string ModelType => "gpt2";

    /// <summary>Rows of the token embedding table.</summary>
    [JsonPropertyName("vocab_size")] public long VocabSize { get; init; } = 50257;
    /// <summary>Rows of the learned position table: the longest input, in tokens.</summary>
    [JsonPropertyName("n_positions")] public long MaxPositions { get; init; } = 1024;
    /// <summary>Width of the residual stream, D.</summary>
    [JsonPropertyName("n_embd")] public long Hidden { get; init; } = 768;
    /// <summary>Number of transformer blocks.</summary>
    [JsonPropertyName("n_layer")] public int Layers { get; init; } = 12;
    /// <summary>Attention heads per block, H (D divisible by H).</summary>
    [JsonPropertyName("n_head")] public long Heads { get; init; } = 12;

    /// <summary>MLP width; null means 4 * n_embd.</summary>
    [JsonPropertyName("n_inner")] public long? Inner { get; init; }

    /// <summary>The MLP's activation by transformers' name ("gelu_new": the tanh approximation).</summary>
    [JsonPropertyName("activation_function")] public string Activation { get; init; } = "gelu_new";
    /// <summary>The epsilon of every layer norm.</summary>
    [JsonPropertyName("layer_norm_epsilon")] public double LayerNormEps { get; init; } = 1e-5;
    /// <summary>Std of the normal initial weights (random weights only).</summary>
    [JsonPropertyName("initializer_range")] public double InitializerRange { get; init; } = 0.02;
    /// <summary>Whether attention scores are divided by sqrt(Dh).</summary>
    [JsonPropertyName("scale_attn_weights")] public bool ScaleAttentionWeights { get; init; } = true;
    /// <summary>Whether layer l's attention scores are further divided by l + 1 (as transformers does when set).</summary>
    [JsonPropertyName("scale_attn_by_inverse_layer_idx")] public bool ScaleByInverseLayerIndex { get; init; }
    /// <summary>Whether the output projection reuses the token embedding table.</summary>
    [JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; init; } = true;
    /// <summary>Id of the beginning-of-text token.</summary>
    [JsonPropertyName("bos_token_id")] public long? BosTokenId { get; init; } = 50256;
    /// <summary>Id of the end-of-text token.</summary>
    [JsonPropertyName("eos_token_id")] public long? EosTokenId { get; init; } = 50256;

    /// <summary>Width of the MLP: n_inner when set, else 4 D.</summary>
    [JsonIgnore] public long InnerSize => Inner ?? 4 * Hidden;

    /// <summary>Width of one head, Dh = D / H.</summary>
    [JsonIgnore] public long HeadDim => Hidden / Heads;
}
