using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Architectures.GptJ;

/// <summary>GPT-J's causal self-attention: q/k/v projections without biases, rotary embedding on the
/// first rotary_dim features of queries and keys, scores in float32 divided by sqrt(head_dim),
/// softmax, out_proj (no bias).</summary>
internal sealed class GptJAttention : Module
{
    private readonly GptJConfig config;
    private readonly int layerIndex;
    private readonly double scale;
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear output;

    public GptJAttention(IWeightSource source, string name, GptJConfig config, int layerIndex)
    {
        this.config = config;
        this.layerIndex = layerIndex;
        // Source: GPTJAttention.__init__: scale_attn = sqrt(head_dim) as a float32 tensor.
        scale = Math.Sqrt(config.HeadDim);
        key = RegisterModule("k_proj", Linear.Load(source, name + ".k_proj", config.Hidden, config.Hidden, bias: false));
        value = RegisterModule("v_proj", Linear.Load(source, name + ".v_proj", config.Hidden, config.Hidden, bias: false));
        query = RegisterModule("q_proj", Linear.Load(source, name + ".q_proj", config.Hidden, config.Hidden, bias: false));
        output = RegisterModule("out_proj", Linear.Load(source, name + ".out_proj", config.Hidden, config.Hidden, bias: false));
    }

    /// <summary>x [B, T, D], rotary sin/cos [B, 1, T, R], additive mask [B, 1, T, S] -> ([B, T, D],
    /// probabilities [B, H, T, S]), where S = T plus the positions in <paramref name="cache"/>, which is
    /// extended with the rotated keys.</summary>
    public (Tensor Output, Tensor Probabilities) Forward(Tensor x, Tensor sin, Tensor cos, Tensor mask, KvCache? cache, ActivationCapture? capture)
    {
        var (b, t) = (x.size(0), x.size(1));
        var (h, dh) = (config.Heads, config.HeadDim);
        var q = query.Forward(x).view(b, t, h, dh).transpose(1, 2);               // [B, H, T, Dh]
        var k = key.Forward(x).view(b, t, h, dh).transpose(1, 2);                 // [B, H, T, Dh]
        var v = value.Forward(x).view(b, t, h, dh).transpose(1, 2);               // [B, H, T, Dh]
        q = GptJRotary.Apply(q, sin, cos);                                         // [B, H, T, Dh]
        k = GptJRotary.Apply(k, sin, cos);                                         // [B, H, T, Dh]
        if (cache is not null) (k, v) = cache.Append(layerIndex, k, v);            // [B, H, S, Dh]
        capture?.Record(layerIndex, CapturePoint.Query, q);
        capture?.Record(layerIndex, CapturePoint.Key, k);
        capture?.Record(layerIndex, CapturePoint.Value, v);
        // Source: GPTJAttention._attn: query and key in float32, / scale_attn, + mask, softmax, back to
        // the value dtype.
        var scores = q.to(ScalarType.Float32).matmul(k.to(ScalarType.Float32).transpose(-1, -2)).div(scale).add(mask); // [B, H, T, S]
        var probabilities = scores.softmax(-1).to(v.dtype);                        // [B, H, T, S]
        var mixture = probabilities.matmul(v);                                    // [B, H, T, Dh]
        capture?.Record(layerIndex, CapturePoint.HeadMixture, mixture);
        var context = mixture.transpose(1, 2).reshape(b, t, config.Hidden); // [B, T, D]
        return (output.Forward(context), probabilities);
    }
}
