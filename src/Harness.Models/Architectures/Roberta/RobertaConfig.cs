using System.Text.Json.Serialization;

namespace Harness.Models.Architectures.Roberta;

/// <summary>RoBERTa's config.json. Defaults: transformers' RobertaConfig (configuration_roberta.py,
/// roberta-base apart from the epsilon, whose class default is BERT's 1e-12; roberta-base's file says
/// 1e-5).</summary>
public sealed record RobertaConfig
{
    /// <summary>"roberta", or "xlm-roberta" (XLMRobertaForMaskedLM is the same network).</summary>
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "roberta";

    /// <summary>Rows of the token embedding table.</summary>
    [JsonPropertyName("vocab_size")] public long VocabSize { get; init; } = 50265;
    /// <summary>Width of the hidden states, D.</summary>
    [JsonPropertyName("hidden_size")] public long Hidden { get; init; } = 768;
    /// <summary>Number of encoder layers.</summary>
    [JsonPropertyName("num_hidden_layers")] public int Layers { get; init; } = 12;
    /// <summary>Attention heads per layer, H (D divisible by H).</summary>
    [JsonPropertyName("num_attention_heads")] public long Heads { get; init; } = 12;
    /// <summary>Width of the feed-forward layer.</summary>
    [JsonPropertyName("intermediate_size")] public long Intermediate { get; init; } = 3072;
    /// <summary>The feed-forward activation by transformers' name ("gelu": the exact erf form).</summary>
    [JsonPropertyName("hidden_act")] public string Activation { get; init; } = "gelu";

    /// <summary>Rows of the position table; positions start at pad_token_id + 1, so
    /// max_position_embeddings - pad_token_id - 1 tokens fit (514 rows, 512 tokens in roberta-base).</summary>
    [JsonPropertyName("max_position_embeddings")] public long MaxPositions { get; init; } = 512;

    /// <summary>Rows of the token-type table; RoBERTa uses only type 0 (roberta-base has 1 row).</summary>
    [JsonPropertyName("type_vocab_size")] public long TypeVocabSize { get; init; } = 2;

    /// <summary>The epsilon of every layer norm.</summary>
    [JsonPropertyName("layer_norm_eps")] public double LayerNormEps { get; init; } = 1e-12;
    /// <summary>Std of the normal initial weights (random weights only).</summary>
    [JsonPropertyName("initializer_range")] public double InitializerRange { get; init; } = 0.02;

    /// <summary>Only "absolute" (learned positions) is supported; the relative_key variants are not.</summary>
    [JsonPropertyName("position_embedding_type")] public string PositionEmbeddingType { get; init; } = "absolute";

    /// <summary>Whether the LM head's decoder reuses the token embedding table.</summary>
    [JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; init; } = true;

    /// <summary>Also the padding_idx of the word and position embeddings, and the base of positions.</summary>
    [JsonPropertyName("pad_token_id")] public long PadTokenId { get; init; } = 1;

    /// <summary>Id of the &lt;s&gt; token.</summary>
    [JsonPropertyName("bos_token_id")] public long? BosTokenId { get; init; } = 0;
    /// <summary>Id of the &lt;/s&gt; token.</summary>
    [JsonPropertyName("eos_token_id")] public long? EosTokenId { get; init; } = 2;

    /// <summary>Not a RobertaConfig field (the tokenizer knows &lt;mask&gt;); read when a config.json has it.</summary>
    [JsonPropertyName("mask_token_id")] public long? MaskTokenId { get; init; }

    /// <summary>Width of one head, Dh = D / H.</summary>
    [JsonIgnore] public long HeadDim => Hidden / Heads;
}
