using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Architectures.Gpt2;

/// <summary>GPT-2's causal self-attention: fused q/k/v projection (c_attn), scaled dot products,
/// softmax, output projection (c_proj).</summary>
internal sealed class Gpt2Attention : Module
{
    private readonly Gpt2Config config;
    private readonly int layerIndex;
    private readonly double scale;
    private readonly Linear qkv;
    private readonly Linear output;

    public Gpt2Attention(IWeightSource source, string name, Gpt2Config config, int layerIndex)
    {
        this.config = config;
        this.layerIndex = layerIndex;
        // Source: GPT2Attention._attn: / sqrt(head_dim), and / (layer_idx + 1) when asked.
        scale = (config.ScaleAttentionWeights ? 1.0 / Math.Sqrt(config.HeadDim) : 1.0)
                / (config.ScaleByInverseLayerIndex ? layerIndex + 1 : 1);
        qkv = RegisterModule("c_attn", Linear.LoadConv1D(source, name + ".c_attn", config.Hidden, 3 * config.Hidden));
        output = RegisterModule("c_proj", Linear.LoadConv1D(source, name + ".c_proj", config.Hidden, config.Hidden));
    }

    /// <summary>x [B, T, D], additive mask [B, 1, T, S] -> ([B, T, D], probabilities [B, H, T, S]),
    /// where S = T plus the positions in <paramref name="cache"/>, which is extended.</summary>
    public (Tensor Output, Tensor Probabilities) Forward(Tensor x, Tensor mask, KvCache? cache, ActivationCapture? capture)
    {
        var (b, t) = (x.size(0), x.size(1));
        var (h, dh) = (config.Heads, config.HeadDim);
        var parts = qkv.Forward(x).split(config.Hidden, dim: 2);                  // 3 x [B, T, D]
        var q = parts[0].view(b, t, h, dh).transpose(1, 2);                       // [B, H, T, Dh]
        var k = parts[1].view(b, t, h, dh).transpose(1, 2);                       // [B, H, T, Dh]
        var v = parts[2].view(b, t, h, dh).transpose(1, 2);                       // [B, H, T, Dh]
        if (cache is not null) (k, v) = cache.Append(layerIndex, k, v);            // [B, H, S, Dh]
        capture?.Record(layerIndex, CapturePoint.Query, q);
        capture?.Record(layerIndex, CapturePoint.Key, k);
        capture?.Record(layerIndex, CapturePoint.Value, v);
        var scores = q.matmul(k.transpose(-1, -2)).mul(scale).add(mask);           // [B, H, T, S]
        var probabilities = scores.softmax(-1);                                    // [B, H, T, S]
        var mixture = probabilities.matmul(v);                                    // [B, H, T, Dh]
        capture?.Record(layerIndex, CapturePoint.HeadMixture, mixture);
        var context = mixture.transpose(1, 2).reshape(b, t, config.Hidden); // [B, T, D]
        return (output.Forward(context), probabilities);
    }
}
