using System.Text.Json.Serialization;

namespace Harness.Models.Architectures.Opt;

/// <summary>OPT's config.json. Defaults: transformers' OPTConfig (configuration_opt.py, the 125M
/// model).</summary>
internal sealed record OptConfig
{
    [JsonPropertyName("vocab_size")] public long VocabSize { get; init; } = 50272;
    [JsonPropertyName("hidden_size")] public long Hidden { get; init; } = 768;
    [JsonPropertyName("num_hidden_layers")] public int Layers { get; init; } = 12;
    [JsonPropertyName("num_attention_heads")] public long Heads { get; init; } = 12;
    [JsonPropertyName("ffn_dim")] public long FfnDim { get; init; } = 3072;

    /// <summary>Learned positions; the table has two more rows (see <see cref="OptModel.PositionOffset"/>).</summary>
    [JsonPropertyName("max_position_embeddings")] public long MaxPositions { get; init; } = 2048;

    /// <summary>True: pre-LN blocks and a final LayerNorm (125m, 1.3b and up). False: post-LN blocks
    /// and no final LayerNorm (opt-350m).</summary>
    [JsonPropertyName("do_layer_norm_before")] public bool LayerNormBefore { get; init; } = true;

    /// <summary>Drops the final LayerNorm of pre-LN models; only for checkpoints fine-tuned before
    /// transformers 4.20.1 (metaseq PR 164).</summary>
    [JsonPropertyName("_remove_final_layer_norm")] public bool RemoveFinalLayerNorm { get; init; }

    /// <summary>Width of the token embeddings; when it differs from hidden_size (opt-350m: 512 vs 1024)
    /// project_in / project_out map between the two. Null means hidden_size.</summary>
    [JsonPropertyName("word_embed_proj_dim")] public long? WordEmbedProjDim { get; init; }

    [JsonPropertyName("activation_function")] public string Activation { get; init; } = "relu";

    /// <summary>Biases on q/k/v/out_proj and fc1/fc2.</summary>
    [JsonPropertyName("enable_bias")] public bool EnableBias { get; init; } = true;

    /// <summary>False gives LayerNorms without weight and bias; no released OPT checkpoint uses it.</summary>
    [JsonPropertyName("layer_norm_elementwise_affine")] public bool LayerNormElementwiseAffine { get; init; } = true;

    [JsonPropertyName("init_std")] public double InitStd { get; init; } = 0.02;
    [JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; init; } = true;
    [JsonPropertyName("pad_token_id")] public long? PadTokenId { get; init; } = 1;
    [JsonPropertyName("bos_token_id")] public long? BosTokenId { get; init; } = 2;
    [JsonPropertyName("eos_token_id")] public long? EosTokenId { get; init; } = 2;

    public long EmbedDim => WordEmbedProjDim ?? Hidden;

    public long HeadDim => Hidden / Heads;

    /// <summary>Source: OPTDecoder.__init__: a final LayerNorm only for pre-LN models.</summary>
    public bool HasFinalLayerNorm => LayerNormBefore && !RemoveFinalLayerNorm;

    /// <summary>nn.LayerNorm's default; OPT's config has no epsilon.</summary>
    public const double LayerNormEps = 1e-5;
}
