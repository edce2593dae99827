using System.Text.Json.Serialization;
using Harness.Models.Layers;

namespace Harness.Models.Architectures.Phi3;

/// <summary>Phi-3's config.json. Defaults: transformers 4.45.1 Phi3Config (Phi-3-mini-4k). Dropout
/// rates (resid_pdrop, embd_pdrop, attention_dropout) are not read: inference runs in eval mode.</summary>
internal sealed record Phi3Config
{
    /// <summary>Written into config.json so a saved model loads back as Phi-3.</summary>
    [JsonPropertyName("model_type")] public string ModelType => "phi3";

    [JsonPropertyName("vocab_size")] public long VocabSize { get; init; } = 32064;
    [JsonPropertyName("hidden_size")] public long Hidden { get; init; } = 3072;
    [JsonPropertyName("intermediate_size")] public long Intermediate { get; init; } = 8192;
    [JsonPropertyName("num_hidden_layers")] public int Layers { get; init; } = 32;
    [JsonPropertyName("num_attention_heads")] public long Heads { get; init; } = 32;

    /// <summary>Grouped-query attention's key/value heads; null means one per query head.</summary>
    [JsonPropertyName("num_key_value_heads")] public long? KeyValueHeadsInFile { get; init; }

    [JsonPropertyName("hidden_act")] public string HiddenAct { get; init; } = "silu";
    [JsonPropertyName("max_position_embeddings")] public long MaxPositions { get; init; } = 4096;

    /// <summary>The context Phi-3 was pretrained with; LongRoPE switches to its long factors past it
    /// and scales cos/sin by sqrt(1 + ln(max / original) / ln(original)).</summary>
    [JsonPropertyName("original_max_position_embeddings")] public long OriginalMaxPositions { get; init; } = 4096;

    [JsonPropertyName("rms_norm_eps")] public double RmsNormEps { get; init; } = 1e-5;
    [JsonPropertyName("rope_theta")] public double RopeTheta { get; init; } = 10000.0;

    /// <summary>Null, or LongRoPE ("longrope"; "su" and "yarn" are its earlier names).</summary>
    [JsonPropertyName("rope_scaling")] public RopeScaling? RopeScaling { get; init; }

    /// <summary>Each query sees this many keys, itself included; null: full causal attention.</summary>
    [JsonPropertyName("sliding_window")] public long? SlidingWindow { get; init; }

    [JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; init; }
    [JsonPropertyName("initializer_range")] public double InitializerRange { get; init; } = 0.02;
    [JsonPropertyName("bos_token_id")] public long? BosTokenId { get; init; } = 1;
    [JsonPropertyName("eos_token_id")] public long? EosTokenId { get; init; } = 32000;
    [JsonPropertyName("pad_token_id")] public long? PadTokenId { get; init; } = 32000;

    public long KeyValueHeads => KeyValueHeadsInFile ?? Heads;

    public long HeadDim => Hidden / Heads;

    /// <summary>Source: Phi3Config._rope_scaling_adjustment and Phi3Attention._init_rope (4.45.1):
    /// "su" and "yarn" are renamed "longrope", the only scaling Phi-3 runs, chosen per forward pass.</summary>
    public RopeSettings Rope
    {
        get
        {
            if (RopeScaling is null) return new RopeSettings(HeadDim, RopeTheta, MaxPositions, null, OriginalMaxPositions);
            var name = RopeScaling.LegacyTypeName ?? RopeScaling.RopeTypeName;
            if (name is not ("longrope" or "su" or "yarn"))
                throw new NotSupportedException($"phi3 rope_scaling type '{name}' is not supported (longrope, or its earlier names su and yarn)");
            var longRope = RopeScaling with { RopeTypeName = "longrope", LegacyTypeName = null };
            return new RopeSettings(HeadDim, RopeTheta, MaxPositions, longRope, OriginalMaxPositions, LongRopeFollowsSequenceLength: true);
        }
    }
}
