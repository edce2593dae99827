using System.Text.Json.Serialization;

namespace Harness.Models.Architectures.GptJ;

/// <summary>GPT-J's config.json. Defaults: transformers' GPTJConfig (configuration_gptj.py, the 6B
/// model).</summary>
internal sealed record GptJConfig
{
    [JsonPropertyName("vocab_size")] public long VocabSize { get; init; } = 50400;

    /// <summary>The context length trained on; rotary positions themselves have no table limit here.</summary>
    [JsonPropertyName("n_positions")] public long MaxPositions { get; init; } = 2048;

    [JsonPropertyName("n_embd")] public long Hidden { get; init; } = 4096;
    [JsonPropertyName("n_layer")] public int Layers { get; init; } = 28;
    [JsonPropertyName("n_head")] public long Heads { get; init; } = 16;

    /// <summary>How many leading features of each head are rotated (64 of 256 in GPT-J 6B); the rest
    /// pass through. Null rotates the whole head.</summary>
    [JsonPropertyName("rotary_dim")] public long? RotaryDim { get; init; } = 64;

    /// <summary>MLP width; null means 4 * n_embd.</summary>
    [JsonPropertyName("n_inner")] public long? Inner { get; init; }

    [JsonPropertyName("activation_function")] public string Activation { get; init; } = "gelu_new";
    [JsonPropertyName("layer_norm_epsilon")] public double LayerNormEps { get; init; } = 1e-5;
    [JsonPropertyName("initializer_range")] public double InitializerRange { get; init; } = 0.02;
    [JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; init; }
    [JsonPropertyName("bos_token_id")] public long? BosTokenId { get; init; } = 50256;
    [JsonPropertyName("eos_token_id")] public long? EosTokenId { get; init; } = 50256;

    public long InnerSize => Inner ?? 4 * Hidden;

    public long HeadDim => Hidden / Heads;

    public long RotarySize => RotaryDim ?? HeadDim;
}
