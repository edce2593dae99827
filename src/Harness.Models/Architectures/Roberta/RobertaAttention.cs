using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Architectures.Roberta;

/// <summary>RoBERTa's bidirectional self-attention (attention.self: query/key/value with biases,
/// scores / sqrt(head_dim), softmax) and its output sub-layer (attention.output: dense, then
/// LayerNorm of the sum with the input: post-LN).</summary>
internal sealed class RobertaAttention : Module
{
    private readonly RobertaConfig config;
    private readonly int layerIndex;
    private readonly double scale;
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear output;
    private readonly LayerNorm norm;

    public RobertaAttention(IWeightSource source, string name, RobertaConfig config, int layerIndex)
    {
        this.config = config;
        this.layerIndex = layerIndex;
        scale = Math.Sqrt(config.HeadDim);
        query = RegisterModule("self.query", Linear.Load(source, name + ".self.query", config.Hidden, config.Hidden));
        key = RegisterModule("self.key", Linear.Load(source, name + ".self.key", config.Hidden, config.Hidden));
        value = RegisterModule("self.value", Linear.Load(source, name + ".self.value", config.Hidden, config.Hidden));
        output = RegisterModule("output.dense", Linear.Load(source, name + ".output.dense", config.Hidden, config.Hidden));
        norm = RegisterModule("output.LayerNorm", new LayerNorm(source, name + ".output.LayerNorm", config.Hidden, config.LayerNormEps));
    }

    /// <summary>x [B, T, D], additive padding mask [B, 1, 1, T] or null -> (LayerNorm(x + attention)
    /// [B, T, D], probabilities [B, H, T, T]).</summary>
    public (Tensor Output, Tensor Probabilities) Forward(Tensor x, Tensor? mask, ActivationCapture? capture)
    {
        var (b, t) = (x.size(0), x.size(1));
        var (h, dh) = (config.Heads, config.HeadDim);
        var q = query.Forward(x).view(b, t, h, dh).transpose(1, 2);               // [B, H, T, Dh]
        var k = key.Forward(x).view(b, t, h, dh).transpose(1, 2);                 // [B, H, T, Dh]
        var v = value.Forward(x).view(b, t, h, dh).transpose(1, 2);               // [B, H, T, Dh]
        capture?.Record(layerIndex, CapturePoint.Query, q);
        capture?.Record(layerIndex, CapturePoint.Key, k);
        capture?.Record(layerIndex, CapturePoint.Value, v);
        var scores = q.matmul(k.transpose(-1, -2)).div(scale);                    // [B, H, T, T]
        if (mask is not null) scores = scores.add(mask);
        var probabilities = scores.softmax(-1);                                    // [B, H, T, T]
        var mixture = probabilities.matmul(v);                                    // [B, H, T, Dh]
        capture?.Record(layerIndex, CapturePoint.HeadMixture, mixture);
        var context = mixture.transpose(1, 2).reshape(b, t, config.Hidden); // [B, T, D]
        var attended = output.Forward(context);                                    // [B, T, D]
        capture?.Record(layerIndex, CapturePoint.AttentionOutput, attended);
        return (norm.Forward(attended.add(x)), probabilities);
    }
}
