using System.Text.Json.Serialization;

namespace Harness.Models.Layers;

/// <summary>How rotary frequencies are rescaled for longer contexts: transformers 4.45.1's
/// ROPE_INIT_FUNCTIONS keys (modeling_rope_utils.py).</summary>
internal enum RopeType
{
    /// <summary>theta^(-2i/d), unscaled (Su et al. 2021).</summary>
    Default,

    /// <summary>Position interpolation: every frequency divided by the factor (kaiokendev; Chen et al. 2023).</summary>
    Linear,

    /// <summary>Dynamic NTK: theta grows with the sequence length once it passes max_position_embeddings.</summary>
    Dynamic,

    /// <summary>YaRN: interpolation for low frequencies, extrapolation for high ones, ramp between (Peng et al. 2023).</summary>
    Yarn,

    /// <summary>LongRoPE: per-frequency rescale factors, short or long (Ding et al. 2024; Phi-3).</summary>
    LongRope,

    /// <summary>Llama 3.1: low frequencies divided by the factor, high ones kept, a smooth band between.</summary>
    Llama3,
}

/// <summary>
/// config.json's <c>rope_scaling</c> object. Which keys a type reads: linear and dynamic <c>factor</c>;
/// yarn <c>factor</c>, <c>attention_factor</c>, <c>beta_fast</c>, <c>beta_slow</c>; longrope
/// <c>short_factor</c>, <c>long_factor</c>, <c>factor</c>, <c>attention_factor</c>; llama3 <c>factor</c>,
/// <c>low_freq_factor</c>, <c>high_freq_factor</c>, <c>original_max_position_embeddings</c>.
/// </summary>
internal sealed record RopeScaling
{
    /// <summary>The names <see cref="Type"/> accepts (transformers 4.45.1 ROPE_INIT_FUNCTIONS).</summary>
    public static readonly IReadOnlyDictionary<string, RopeType> TypeNames = new Dictionary<string, RopeType>(StringComparer.Ordinal)
    {
        ["default"] = RopeType.Default,
        ["linear"] = RopeType.Linear,
        ["dynamic"] = RopeType.Dynamic,
        ["yarn"] = RopeType.Yarn,
        ["longrope"] = RopeType.LongRope,
        ["llama3"] = RopeType.Llama3,
    };

    [JsonPropertyName("rope_type")] public string? RopeTypeName { get; init; }

    /// <summary>The older spelling of rope_type; transformers' LlamaConfig copies it over rope_type
    /// when both are present, so it wins here too.</summary>
    [JsonPropertyName("type")] public string? LegacyTypeName { get; init; }

    [JsonPropertyName("factor")] public double? Factor { get; init; }
    [JsonPropertyName("attention_factor")] public double? AttentionFactor { get; init; }
    [JsonPropertyName("beta_fast")] public double? BetaFast { get; init; }
    [JsonPropertyName("beta_slow")] public double? BetaSlow { get; init; }
    [JsonPropertyName("short_factor")] public double[]? ShortFactor { get; init; }
    [JsonPropertyName("long_factor")] public double[]? LongFactor { get; init; }
    [JsonPropertyName("low_freq_factor")] public double? LowFrequencyFactor { get; init; }
    [JsonPropertyName("high_freq_factor")] public double? HighFrequencyFactor { get; init; }
    [JsonPropertyName("original_max_position_embeddings")] public long? OriginalMaxPositionEmbeddings { get; init; }

    /// <summary>The scaling type; an unknown name fails listing the known ones.</summary>
    public RopeType Type
    {
        get
        {
            var name = LegacyTypeName ?? RopeTypeName ?? "default";
            return TypeNames.TryGetValue(name, out var type)
                ? type
                : throw new NotSupportedException($"rope_scaling type '{name}' is not supported ({string.Join(", ", TypeNames.Keys)})");
        }
    }
}
