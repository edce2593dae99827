using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Architectures.Opt;

/// <summary>OPT's causal self-attention: separate q/k/v projections (with biases unless
/// enable_bias is false), the query scaled by 1/sqrt(head_dim) right after its projection, softmax,
/// out_proj.</summary>
internal sealed class OptAttention : Module
{
    private readonly OptConfig config;
    private readonly int layerIndex;
    private readonly double scale;
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear output;

    public OptAttention(IWeightSource source, string name, OptConfig config, int layerIndex)
    {
        this.config = config;
        this.layerIndex = layerIndex;
        scale = 1.0 / Math.Sqrt(config.HeadDim);
        query = RegisterModule("q_proj", Linear.Load(source, name + ".q_proj", config.Hidden, config.Hidden, config.EnableBias));
        key = RegisterModule("k_proj", Linear.Load(source, name + ".k_proj", config.Hidden, config.Hidden, config.EnableBias));
        value = RegisterModule("v_proj", Linear.Load(source, name + ".v_proj", config.Hidden, config.Hidden, config.EnableBias));
        output = RegisterModule("out_proj", Linear.Load(source, name + ".out_proj", config.Hidden, config.Hidden, config.EnableBias));
    }

    /// <summary>x [B, T, D], additive mask [B, 1, T, S] -> ([B, T, D], probabilities [B, H, T, S]),
    /// where S = T plus the positions in <paramref name="cache"/>, which is extended.</summary>
    public (Tensor Output, Tensor Probabilities) Forward(Tensor x, Tensor mask, KvCache? cache, ActivationCapture? capture)
    {
        var (b, t) = (x.size(0), x.size(1));
        var (h, dh) = (config.Heads, config.HeadDim);
        var q = query.Forward(x).view(b, t, h, dh).transpose(1, 2);               // [B, H, T, Dh]
        var k = key.Forward(x).view(b, t, h, dh).transpose(1, 2);                 // [B, H, T, Dh]
        var v = value.Forward(x).view(b, t, h, dh).transpose(1, 2);               // [B, H, T, Dh]
        if (cache is not null) (k, v) = cache.Append(layerIndex, k, v);            // [B, H, S, Dh]
        capture?.Record(layerIndex, CapturePoint.Query, q);
        capture?.Record(layerIndex, CapturePoint.Key, k);
        capture?.Record(layerIndex, CapturePoint.Value, v);
        // Source: OPTAttention.forward: q_proj(x) * scaling, then the scores; after the mask they are
        // clamped at the dtype's lowest value so fully masked rows stay finite in float16; softmax is
        // upcast to float32 for float16 only.
        var scores = q.mul(scale).matmul(k.transpose(-1, -2)).add(mask);          // [B, H, T, S]
        scores = scores.clamp(min: Lowest(scores.dtype));
        var probabilities = scores.dtype == ScalarType.Float16
            ? scores.softmax(-1, ScalarType.Float32).to(ScalarType.Float16)
            : scores.softmax(-1);                                                  // [B, H, T, S]
        var mixture = probabilities.matmul(v);                                    // [B, H, T, Dh]
        capture?.Record(layerIndex, CapturePoint.HeadMixture, mixture);
        var context = mixture.transpose(1, 2).reshape(b, t, config.Hidden); // [B, T, D]
        return (output.Forward(context), probabilities);
    }

    /// <summary>torch.finfo(dtype).min, the value <see cref="AttentionMask"/> fills masked keys with.</summary>
    private static double Lowest(ScalarType dtype) => dtype switch
    {
        ScalarType.Float16 => -65504.0,
        ScalarType.BFloat16 => -3.3895313892515355e38,
        ScalarType.Float64 => double.MinValue,
        _ => float.MinValue,
    };
}
