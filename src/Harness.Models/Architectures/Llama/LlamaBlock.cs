using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Architectures.Llama;

/// <summary>One pre-RMSNorm decoder layer: x + attn(input_layernorm(x)), then + mlp(post_attention_layernorm(x)).</summary>
internal sealed class LlamaBlock : Module
{
    private readonly RmsNorm norm1;
    private readonly LlamaAttention attention;
    private readonly RmsNorm norm2;
    private readonly LlamaMlp mlp;
    private readonly int layerIndex;

    public LlamaBlock(IWeightSource source, string name, LlamaConfig config, int layerIndex)
    {
        this.layerIndex = layerIndex;
        norm1 = RegisterModule("input_layernorm", new RmsNorm(source, name + ".input_layernorm", config.Hidden, config.RmsNormEps));
        attention = RegisterModule("self_attn", new LlamaAttention(source, name + ".self_attn", config, layerIndex));
        norm2 = RegisterModule("post_attention_layernorm", new RmsNorm(source, name + ".post_attention_layernorm", config.Hidden, config.RmsNormEps));
        mlp = RegisterModule("mlp", new LlamaMlp(source, name + ".mlp", config));
    }

    public (Tensor Output, Tensor Probabilities) Forward(Tensor x, Tensor mask, Tensor cos, Tensor sin, KvCache? cache, ActivationCapture? capture)
    {
        capture?.Record(layerIndex, CapturePoint.ResidualInput, x);
        var (attended, probabilities) = attention.Forward(norm1.Forward(x), mask, cos, sin, cache, capture);
        capture?.Record(layerIndex, CapturePoint.AttentionOutput, attended);
        var residual = x.add(attended);                                                    // [B, T, D]
        var fed = mlp.Forward(norm2.Forward(residual));                                    // [B, T, D]
        capture?.Record(layerIndex, CapturePoint.MlpOutput, fed);
        var output = residual.add(fed);
        capture?.Record(layerIndex, CapturePoint.ResidualOutput, output);
        return (output, probabilities);
    }
}
