using Harness.Torch;

namespace Harness.Models.Layers;

/// <summary>What rotary frequencies are computed from: the rotated width (head_dim), rope_theta,
/// max_position_embeddings, config.json's rope_scaling, and the top-level
/// original_max_position_embeddings that Phi-3 (and LongRoPE generally) reads.</summary>
/// <param name="LongRopeFollowsSequenceLength">Phi-3 picks LongRoPE's long factors on every forward
/// pass whose largest position id reaches past original_max_position_embeddings; Llama computes its
/// frequencies once, with no sequence length, and so always uses the short factors.</param>
internal sealed record RopeSettings(
    long Dim,
    double Theta,
    long MaxPositionEmbeddings,
    RopeScaling? Scaling = null,
    long? OriginalMaxPositionEmbeddings = null,
    bool LongRopeFollowsSequenceLength = false)
{
    public RopeType Type => Scaling?.Type ?? RopeType.Default;
}

/// <summary>
/// Rotary position embedding (RoPE; Su et al. 2021, "RoFormer", arXiv:2104.09864) in transformers'
/// half-split form: the first and second halves of each head vector are the two coordinates of
/// d/2 planes, rotated by position * inverse frequency (rotate_half, not GPT-J's interleaved pairs).
/// Inverse frequencies and the cos/sin attention factor follow transformers 4.45.1's
/// modeling_rope_utils.py for every rope_scaling type, in float32 with the same operations.
/// Dynamic NTK recomputes the frequencies per forward pass from its largest position id (transformers
/// keeps the largest length seen so far between calls; within one generation the two agree).
/// </summary>
internal sealed class RotaryEmbedding
{
    private readonly RopeSettings settings;
    private readonly RopeFrequencies initial;

    public RotaryEmbedding(RopeSettings settings)
    {
        if (settings.Dim <= 0 || settings.Dim % 2 != 0) throw new ArgumentException($"the rotary dimension must be even and positive, got {settings.Dim}");
        this.settings = settings;
        initial = InverseFrequencies(settings);
    }

    public RopeSettings Settings => settings;

    /// <summary>Position ids [B, T] -> (cos, sin) [B, T, Dim] in <paramref name="dtype"/>, computed in float32.</summary>
    public (Tensor Cos, Tensor Sin) Forward(Tensor positionIds, ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        var (frequencies, attentionFactor) = FrequenciesFor(positionIds);
        var inverse = torch.tensor(frequencies, device: positionIds.device);                    // [Dim/2]
        var angles = positionIds.to(ScalarType.Float32).unsqueeze(-1).mul(inverse);            // [B, T, Dim/2]
        var doubled = torch.cat([angles, angles], -1);                                          // [B, T, Dim]
        var cos = doubled.cos().mul(attentionFactor).to(dtype);
        var sin = doubled.sin().mul(attentionFactor).to(dtype);
        return (cos.MoveToOuterDisposeScope(), sin.MoveToOuterDisposeScope());
    }

    /// <summary>x [B, H, T, Dim] rotated by (cos, sin) [B, T, Dim]: x cos + rotate_half(x) sin.</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin) =>
        x.mul(cos.unsqueeze(1)).add(RotateHalf(x).mul(sin.unsqueeze(1)));

    /// <summary>[x1, x2] -> [-x2, x1] over the last dimension, split in halves.</summary>
    public static Tensor RotateHalf(Tensor x)
    {
        var half = x.size(-1) / 2;
        return torch.cat([x.narrow(-1, half, half).neg(), x.narrow(-1, 0, half)], -1);      // [..., Dim]
    }

    /// <summary>The inverse frequencies [Dim/2] and the factor cos and sin are multiplied by, as
    /// transformers' rope init function for the settings' type computes them for
    /// <paramref name="sequenceLength"/> (null: at model construction). Computed on the CPU and read
    /// back as floats; <see cref="Forward"/> puts them on the positions' device.</summary>
    public static RopeFrequencies InverseFrequencies(RopeSettings settings, long? sequenceLength = null)
    {
        using var scope = torch.NewDisposeScope();
        var s = settings.Scaling;
        var (inverse, attentionFactor) = settings.Type switch
        {
            RopeType.Default => (Unscaled(settings.Dim, settings.Theta), 1.0),
            // Source: _compute_linear_scaling_rope_parameters: inv_freq /= factor.
            RopeType.Linear => (Unscaled(settings.Dim, settings.Theta).div(Required(s!.Factor, "factor", settings)), 1.0),
            RopeType.Dynamic => (DynamicNtk(settings, sequenceLength), 1.0),
            RopeType.Yarn => Yarn(settings),
            RopeType.LongRope => LongRope(settings, sequenceLength),
            RopeType.Llama3 => (Llama3(settings), 1.0),
            _ => throw new NotSupportedException($"rope type {settings.Type}"),
        };
        return new RopeFrequencies(inverse.ToArray<float>(), attentionFactor);
    }

    private RopeFrequencies FrequenciesFor(Tensor positionIds)
    {
        var lengthDependent = settings.Type == RopeType.Dynamic
                              || (settings.Type == RopeType.LongRope && settings.LongRopeFollowsSequenceLength);
        if (!lengthDependent) return initial;
        // Source: LlamaRotaryEmbedding._dynamic_frequency_update and Phi3LongRoPEScaledRotaryEmbedding.forward:
        // seq_len = max(position_ids) + 1.
        var length = positionIds.max().ToInt64() + 1;
        return settings.Type == RopeType.Dynamic && length <= settings.MaxPositionEmbeddings ? initial : InverseFrequencies(settings, length);
    }

    // Source: _compute_default_rope_parameters: 1 / base^(arange(0, dim, 2).float() / dim), float32.
    private static Tensor Unscaled(long dim, double theta) => torch.pow(theta, Exponents(dim)).reciprocal();

    private static Tensor Exponents(long dim) => torch.arange(0, dim, 2, ScalarType.Int64, device: Device.CPU).to(ScalarType.Float32).div(dim); // [Dim/2]

    // Source: _compute_dynamic_ntk_parameters: base * (factor * L / max - (factor - 1))^(dim / (dim - 2)),
    // L = the sequence length, or max_position_embeddings when shorter or unknown.
    private static Tensor DynamicNtk(RopeSettings settings, long? sequenceLength)
    {
        var factor = Required(settings.Scaling!.Factor, "factor", settings);
        var max = (double)settings.MaxPositionEmbeddings;
        var length = sequenceLength is { } l && l > max ? l : max;
        var dim = (double)settings.Dim;
        var theta = settings.Theta * Math.Pow(factor * length / max - (factor - 1), dim / (dim - 2));
        return Unscaled(settings.Dim, theta);
    }

    // Source: _compute_yarn_parameters (Peng et al. 2023, arXiv:2309.00071).
    private static (Tensor, double) Yarn(RopeSettings settings)
    {
        var s = settings.Scaling!;
        var factor = Required(s.Factor, "factor", settings);
        var attentionFactor = s.AttentionFactor ?? 0.1 * Math.Log(factor) + 1.0;
        var betaFast = s.BetaFast is { } fast && fast != 0 ? fast : 32;                  // `or 32`
        var betaSlow = s.BetaSlow is { } slow && slow != 0 ? slow : 1;                    // `or 1`
        var (dim, theta, max) = ((double)settings.Dim, settings.Theta, (double)settings.MaxPositionEmbeddings);

        // The dimension at which a frequency turns `rotations` times over max_position_embeddings.
        double CorrectionDim(double rotations) => dim * Math.Log(max / (rotations * 2 * Math.PI)) / (2 * Math.Log(theta));
        var low = Math.Max(Math.Floor(CorrectionDim(betaFast)), 0);
        var high = Math.Min(Math.Ceiling(CorrectionDim(betaSlow)), dim - 1);
        if (low == high) high += 0.001;                                                    // prevents a zero-width ramp

        var powers = torch.pow(theta, Exponents(settings.Dim));                           // [Dim/2] pos_freqs
        var extrapolation = powers.reciprocal();
        var interpolation = powers.mul(factor).reciprocal();
        var ramp = torch.arange(settings.Dim / 2, ScalarType.Float32, device: Device.CPU).sub(low).div(high - low).clamp(0, 1);
        var extrapolationWeight = 1 - ramp;
        var inverse = interpolation.mul(1 - extrapolationWeight).add(extrapolation.mul(extrapolationWeight));
        return (inverse, attentionFactor);
    }

    // Source: _compute_longrope_parameters (Ding et al. 2024, arXiv:2402.13753). With a top-level
    // original_max_position_embeddings (Phi-3) the factor is max / original; long factors are used
    // when the sequence is longer than the original context.
    private static (Tensor, double) LongRope(RopeSettings settings, long? sequenceLength)
    {
        var s = settings.Scaling!;
        var shortFactor = s.ShortFactor ?? throw Missing("short_factor", settings);
        var longFactor = s.LongFactor ?? throw Missing("long_factor", settings);
        double? factor = s.Factor;
        long original = settings.MaxPositionEmbeddings;
        if (settings.OriginalMaxPositionEmbeddings is { } o)
        {
            original = o;
            factor = (double)settings.MaxPositionEmbeddings / o;
        }

        var attentionFactor = s.AttentionFactor
                              ?? (Required(factor, "factor", settings) <= 1.0 ? 1.0 : Math.Sqrt(1 + Math.Log(factor!.Value) / Math.Log(original)));
        var chosen = sequenceLength is { } l && l > original ? longFactor : shortFactor;
        if (chosen.Length != settings.Dim / 2)
            throw new ArgumentException($"rope_scaling short_factor and long_factor need {settings.Dim / 2} entries (head_dim / 2), got {chosen.Length}");
        var extension = torch.tensor(chosen.Select(x => (float)x).ToArray(), device: Device.CPU); // [Dim/2]
        return (extension.mul(torch.pow(settings.Theta, Exponents(settings.Dim))).reciprocal(), attentionFactor);
    }

    // Source: _compute_llama3_parameters: wavelengths above original/low_freq_factor are divided by
    // the factor, those below original/high_freq_factor kept, and the band between interpolated.
    private static Tensor Llama3(RopeSettings settings)
    {
        var s = settings.Scaling!;
        var factor = Required(s.Factor, "factor", settings);
        var lowFrequencyFactor = Required(s.LowFrequencyFactor, "low_freq_factor", settings);
        var highFrequencyFactor = Required(s.HighFrequencyFactor, "high_freq_factor", settings);
        var original = (double)(s.OriginalMaxPositionEmbeddings ?? throw Missing("original_max_position_embeddings", settings));
        var lowFrequencyWavelength = original / lowFrequencyFactor;
        var highFrequencyWavelength = original / highFrequencyFactor;

        var inverse = Unscaled(settings.Dim, settings.Theta);                              // [Dim/2]
        var wavelength = 2 * Math.PI / inverse;
        var scaled = torch.where(wavelength.gt(lowFrequencyWavelength), inverse.div(factor), inverse);
        var smooth = (original / wavelength - lowFrequencyFactor) / (highFrequencyFactor - lowFrequencyFactor);
        var smoothed = (1 - smooth).mul(scaled).div(factor).add(smooth.mul(scaled));
        var medium = wavelength.lt(highFrequencyWavelength).logical_not().logical_and(wavelength.gt(lowFrequencyWavelength).logical_not());
        return torch.where(medium, smoothed, scaled);
    }

    private static double Required(double? value, string key, RopeSettings settings) => value ?? throw Missing(key, settings);

    private static ArgumentException Missing(string key, RopeSettings settings) =>
        new($"rope_scaling of type {settings.Type} needs '{key}'");
}

/// <summary>Inverse frequencies [Dim/2] and the factor transformers multiplies cos and sin by
/// (attention_scaling: 1 except for YaRN and LongRoPE).</summary>
internal sealed record RopeFrequencies(float[] Inverse, double AttentionFactor);
