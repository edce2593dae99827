using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Architectures.Llama;

/// <summary>Llama's causal self-attention: q/k/v projections, rotary embedding on queries and keys,
/// grouped-query attention (each key/value head serves Heads / KeyValueHeads query heads),
/// softmax in float32, output projection.</summary>
internal sealed class LlamaAttention : Module
{
    private readonly LlamaConfig config;
    private readonly int layerIndex;
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear output;

    public LlamaAttention(IWeightSource source, string name, LlamaConfig config, int layerIndex)
    {
        if (config.Heads % config.KeyValueHeads != 0)
            throw new ArgumentException($"num_attention_heads ({config.Heads}) must be a multiple of num_key_value_heads ({config.KeyValueHeads})");
        this.config = config;
        this.layerIndex = layerIndex;
        var (d, h, hkv, dh) = (config.Hidden, config.Heads, config.KeyValueHeads, config.HeadDim);
        query = RegisterModule("q_proj", Linear.Load(source, name + ".q_proj", d, h * dh, config.QueryKeyValueBias));
        key = RegisterModule("k_proj", Linear.Load(source, name + ".k_proj", d, hkv * dh, config.QueryKeyValueBias));
        value = RegisterModule("v_proj", Linear.Load(source, name + ".v_proj", d, hkv * dh, config.QueryKeyValueBias));
        output = RegisterModule("o_proj", Linear.Load(source, name + ".o_proj", h * dh, d, config.OutputBias));
    }

    /// <summary>x [B, T, D], additive mask [B, 1, T, S], rotary (cos, sin) [B, T, Dh] -> ([B, T, D],
    /// probabilities [B, H, T, S]), where S = T plus the positions in <paramref name="cache"/>, which
    /// is extended with this layer's keys and values before the heads are repeated.</summary>
    public (Tensor Output, Tensor Probabilities) Forward(Tensor x, Tensor mask, Tensor cos, Tensor sin, KvCache? cache, ActivationCapture? capture)
    {
        var (b, t) = (x.size(0), x.size(1));
        var (h, hkv, dh) = (config.Heads, config.KeyValueHeads, config.HeadDim);
        var q = query.Forward(x).view(b, t, h, dh).transpose(1, 2);                       // [B, H, T, Dh]
        var k = key.Forward(x).view(b, t, hkv, dh).transpose(1, 2);                       // [B, Hkv, T, Dh]
        var v = value.Forward(x).view(b, t, hkv, dh).transpose(1, 2);                     // [B, Hkv, T, Dh]
        q = RotaryEmbedding.Apply(q, cos, sin);
        k = RotaryEmbedding.Apply(k, cos, sin);
        if (cache is not null) (k, v) = cache.Append(layerIndex, k, v);                    // [B, Hkv, S, Dh]
        capture?.Record(layerIndex, CapturePoint.Query, q);
        capture?.Record(layerIndex, CapturePoint.Key, k);
        capture?.Record(layerIndex, CapturePoint.Value, v);
        var groups = h / hkv;
        k = groups == 1 ? k : k.repeat_interleave(groups, 1);                              // [B, H, S, Dh]
        v = groups == 1 ? v : v.repeat_interleave(groups, 1);                              // [B, H, S, Dh]
        // Source: LlamaAttention.forward (eager): / sqrt(head_dim), + mask, softmax in float32.
        var scores = q.matmul(k.transpose(-1, -2)).div(Math.Sqrt(dh)).add(mask);           // [B, H, T, S]
        var probabilities = scores.softmax(-1, ScalarType.Float32).to(q.dtype);            // [B, H, T, S]
        var mixture = probabilities.matmul(v);                                    // [B, H, T, Dh]
        capture?.Record(layerIndex, CapturePoint.HeadMixture, mixture);
        var context = mixture.transpose(1, 2).reshape(b, t, h * dh);       // [B, T, H * Dh]
        return (output.Forward(context), probabilities);
    }
}
