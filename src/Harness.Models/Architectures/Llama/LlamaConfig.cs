using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Harness.Models.Formats;
using Harness.Models.Layers;
using Harness.Models.Loading;

namespace Harness.Models.Architectures.Llama;

/// <summary>The model types this folder's code runs: they share transformers' Llama modeling code
/// and differ only where <see cref="LlamaConfig"/> says.</summary>
internal enum LlamaFamily
{
    Llama,
    Mistral,
    Qwen2,
}

/// <summary>
/// config.json of Llama, Mistral and Qwen2. Defaults: transformers 4.45.1 LlamaConfig; where
/// MistralConfig or Qwen2Config default otherwise, <see cref="Read"/> fills the key from
/// <see cref="FamilyDefaults"/> when config.json lacks it. Not read: dropout rates (inference runs in
/// eval mode) and pretraining_tp (it only splits the same products into slices).
/// </summary>
internal sealed record LlamaConfig
{
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "llama";
    [JsonPropertyName("vocab_size")] public long VocabSize { get; init; } = 32000;
    [JsonPropertyName("hidden_size")] public long Hidden { get; init; } = 4096;
    [JsonPropertyName("intermediate_size")] public long Intermediate { get; init; } = 11008;
    [JsonPropertyName("num_hidden_layers")] public int Layers { get; init; } = 32;
    [JsonPropertyName("num_attention_heads")] public long Heads { get; init; } = 32;

    /// <summary>Grouped-query attention's key/value heads; null means one per query head.</summary>
    [JsonPropertyName("num_key_value_heads")] public long? KeyValueHeadsInFile { get; init; }

    /// <summary>Llama and Mistral may set it apart from hidden_size / heads (Mistral NeMo); Qwen2 never reads it.</summary>
    [JsonPropertyName("head_dim")] public long? HeadDimInFile { get; init; }

    [JsonPropertyName("hidden_act")] public string HiddenAct { get; init; } = "silu";
    [JsonPropertyName("max_position_embeddings")] public long MaxPositions { get; init; } = 2048;
    [JsonPropertyName("rms_norm_eps")] public double RmsNormEps { get; init; } = 1e-6;
    [JsonPropertyName("rope_theta")] public double RopeTheta { get; init; } = 10000.0;

    /// <summary>Llama and Qwen2 only (Mistral's 4.45.1 modeling code has no rope scaling).</summary>
    [JsonPropertyName("rope_scaling")] public RopeScaling? RopeScaling { get; init; }

    /// <summary>Not a LlamaConfig argument, but LongRoPE scaling reads it when config.json has it.</summary>
    [JsonPropertyName("original_max_position_embeddings")] public long? OriginalMaxPositions { get; init; }

    /// <summary>Llama: biases on q, k, v and o projections. Mistral ignores it; Qwen2 always has
    /// q/k/v biases and never an o_proj bias.</summary>
    [JsonPropertyName("attention_bias")] public bool AttentionBias { get; init; }

    /// <summary>Llama only: biases on gate, up and down projections.</summary>
    [JsonPropertyName("mlp_bias")] public bool MlpBias { get; init; }

    /// <summary>Mistral: each query sees this many keys, itself included. Qwen2: the same, only with
    /// use_sliding_window and only in layers from max_window_layers on. Llama ignores it.</summary>
    [JsonPropertyName("sliding_window")] public long? SlidingWindow { get; init; }

    /// <summary>Qwen2 only: whether sliding_window applies at all.</summary>
    [JsonPropertyName("use_sliding_window")] public bool UseSlidingWindow { get; init; }

    /// <summary>Qwen2 only: the first layer with a sliding window.</summary>
    [JsonPropertyName("max_window_layers")] public int MaxWindowLayers { get; init; }

    [JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; init; }
    [JsonPropertyName("initializer_range")] public double InitializerRange { get; init; } = 0.02;
    [JsonPropertyName("bos_token_id")] public long? BosTokenId { get; init; } = 1;

    /// <summary>One id or several (Llama 3.1 lists three).</summary>
    [JsonPropertyName("eos_token_id"), JsonConverter(typeof(TokenIdsConverter))]
    public IReadOnlyList<long>? EosTokenIds { get; init; } = [2];

    [JsonPropertyName("pad_token_id")] public long? PadTokenId { get; init; }

    /// <summary>Keys whose default differs from LlamaConfig's. Source: transformers 4.45.1
    /// configuration_mistral.py and configuration_qwen2.py (Qwen2Config sets no bos/eos ids).</summary>
    public static readonly IReadOnlyDictionary<LlamaFamily, IReadOnlyDictionary<string, JsonNode?>> FamilyDefaults =
        new Dictionary<LlamaFamily, IReadOnlyDictionary<string, JsonNode?>>
        {
            [LlamaFamily.Llama] = new Dictionary<string, JsonNode?>(),
            [LlamaFamily.Mistral] = new Dictionary<string, JsonNode?>
            {
                ["intermediate_size"] = 14336,
                ["num_key_value_heads"] = 8,
                ["max_position_embeddings"] = 4096 * 32,
                ["sliding_window"] = 4096,
            },
            [LlamaFamily.Qwen2] = new Dictionary<string, JsonNode?>
            {
                ["vocab_size"] = 151936,
                ["intermediate_size"] = 22016,
                ["num_key_value_heads"] = 32,
                ["max_position_embeddings"] = 32768,
                ["sliding_window"] = 4096,
                ["max_window_layers"] = 28,
                ["bos_token_id"] = null,
                ["eos_token_id"] = null,
            },
        };

    public LlamaFamily Family => FamilyOf(ModelType);

    public long KeyValueHeads => KeyValueHeadsInFile ?? Heads;

    public long HeadDim => Family == LlamaFamily.Qwen2 ? Hidden / Heads : HeadDimInFile ?? Hidden / Heads;

    public bool QueryKeyValueBias => Family switch
    {
        LlamaFamily.Qwen2 => true,
        LlamaFamily.Mistral => false,
        _ => AttentionBias,
    };

    public bool OutputBias => Family == LlamaFamily.Llama && AttentionBias;

    public bool MlpBiases => Family == LlamaFamily.Llama && MlpBias;

    public RopeSettings Rope => new(HeadDim, RopeTheta, MaxPositions,
        Family == LlamaFamily.Mistral ? null : RopeScaling, OriginalMaxPositions);

    /// <summary>The sliding window of layer <paramref name="layer"/>, or null for full causal attention.
    /// Source: Mistral's mask (every layer); Qwen2: sliding_window is None unless use_sliding_window
    /// (Qwen2Config), and applies from layer max_window_layers on with Mistral's mask (layer_types in
    /// later transformers). transformers 4.45.1 differs here, deliberately not followed: its eager and
    /// sdpa paths ignore the window (a warning) and its flash-attention path lets a query see
    /// sliding_window + 1 keys; no published Qwen2/2.5 checkpoint sets use_sliding_window.</summary>
    public long? SlidingWindowOf(int layer) => Family switch
    {
        LlamaFamily.Mistral => SlidingWindow,
        LlamaFamily.Qwen2 when UseSlidingWindow && layer >= MaxWindowLayers => SlidingWindow,
        _ => null,
    };

    /// <summary>config.json, with the family's defaults for the keys it lacks.</summary>
    public static LlamaConfig Read(ArchitectureLoadContext context)
    {
        JsonObject json;
        string modelType;
        try
        {
            json = JsonNode.Parse(context.ConfigJson)?.AsObject() ?? throw new ModelFormatException(context.ConfigPath, "is empty");
            modelType = json["model_type"]?.GetValue<string>() ?? "llama";
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new ModelFormatException(context.ConfigPath, $"is not a JSON object with a string model_type ({e.Message})");
        }

        foreach (var (key, value) in FamilyDefaults[FamilyOf(modelType)])
            if (!json.ContainsKey(key)) json[key] = value?.DeepClone();
        return (context with { ConfigJson = json.ToJsonString() }).Config<LlamaConfig>();
    }

    private static LlamaFamily FamilyOf(string modelType) => modelType switch
    {
        "llama" => LlamaFamily.Llama,
        "mistral" => LlamaFamily.Mistral,
        "qwen2" => LlamaFamily.Qwen2,
        _ => throw new NotSupportedException($"model_type '{modelType}' is not one of llama, mistral, qwen2"),
    };

    /// <summary>Reads a token id given as a number, a list of numbers, or null.</summary>
    private sealed class TokenIdsConverter : JsonConverter<IReadOnlyList<long>?>
    {
        public override IReadOnlyList<long>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.Number => [reader.GetInt64()],
            _ => JsonSerializer.Deserialize<long[]>(ref reader, options),
        };

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<long>? value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value?.ToArray(), options);
    }
}
