using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Architectures.Phi3;

/// <summary>Phi-3's causal self-attention: one fused q/k/v projection (qkv_proj, rows in the order
/// queries, keys, values), rotary embedding on queries and keys, grouped-query attention, softmax in
/// float32, output projection.</summary>
internal sealed class Phi3Attention : Module
{
    private readonly Phi3Config config;
    private readonly int layerIndex;
    private readonly Linear qkv;
    private readonly Linear output;

    public Phi3Attention(IWeightSource source, string name, Phi3Config config, int layerIndex)
    {
        if (config.Heads % config.KeyValueHeads != 0)
            throw new ArgumentException($"num_attention_heads ({config.Heads}) must be a multiple of num_key_value_heads ({config.KeyValueHeads})");
        this.config = config;
        this.layerIndex = layerIndex;
        var (d, h, hkv, dh) = (config.Hidden, config.Heads, config.KeyValueHeads, config.HeadDim);
        qkv = RegisterModule("qkv_proj", Linear.Load(source, name + ".qkv_proj", d, (h + 2 * hkv) * dh, bias: false));
        output = RegisterModule("o_proj", Linear.Load(source, name + ".o_proj", h * dh, d, bias: false));
    }

    /// <summary>x [B, T, D], additive mask [B, 1, T, S], rotary (cos, sin) [B, T, Dh] -> ([B, T, D],
    /// probabilities [B, H, T, S]), where S = T plus the positions in <paramref name="cache"/>, which
    /// is extended with this layer's keys and values before the heads are repeated.</summary>
    public (Tensor Output, Tensor Probabilities) Forward(Tensor x, Tensor mask, Tensor cos, Tensor sin, KvCache? cache, ActivationCapture? capture)
    {
        var (b, t) = (x.size(0), x.size(1));
        var (h, hkv, dh) = (config.Heads, config.KeyValueHeads, config.HeadDim);
        var parts = qkv.Forward(x).split([h * dh, hkv * dh, hkv * dh], dim: 2);          // [B, T, H*Dh], 2 x [B, T, Hkv*Dh]
        var q = parts[0].reshape(b, t, h, dh).transpose(1, 2);                            // [B, H, T, Dh]
        var k = parts[1].reshape(b, t, hkv, dh).transpose(1, 2);                          // [B, Hkv, T, Dh]
        var v = parts[2].reshape(b, t, hkv, dh).transpose(1, 2);                          // [B, Hkv, T, Dh]
        q = RotaryEmbedding.Apply(q, cos, sin);
        k = RotaryEmbedding.Apply(k, cos, sin);
        if (cache is not null) (k, v) = cache.Append(layerIndex, k, v);                    // [B, Hkv, S, Dh]
        capture?.Record(layerIndex, CapturePoint.Query, q);
        capture?.Record(layerIndex, CapturePoint.Key, k);
        capture?.Record(layerIndex, CapturePoint.Value, v);
        var groups = h / hkv;
        k = groups == 1 ? k : k.repeat_interleave(groups, 1);                              // [B, H, S, Dh]
        v = groups == 1 ? v : v.repeat_interleave(groups, 1);                              // [B, H, S, Dh]
        // Source: Phi3Attention.forward (eager): / sqrt(head_dim), + mask, softmax in float32.
        var scores = q.matmul(k.transpose(-1, -2)).div(Math.Sqrt(dh)).add(mask);           // [B, H, T, S]
        var probabilities = scores.softmax(-1, ScalarType.Float32).to(q.dtype);            // [B, H, T, S]
        var mixture = probabilities.matmul(v);                                    // [B, H, T, Dh]
        capture?.Record(layerIndex, CapturePoint.HeadMixture, mixture);
        var context = mixture.transpose(1, 2).reshape(b, t, h * dh);       // [B, T, H * Dh]
        return (output.Forward(context), probabilities);
    }
}
