using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Architectures.Gpt2;

/// <summary>One pre-LayerNorm transformer block: x + attn(ln_1(x)), then + mlp(ln_2(x)).</summary>
internal sealed class Gpt2Block : Module
{
    private readonly LayerNorm norm1;
    private readonly Gpt2Attention attention;
    private readonly LayerNorm norm2;
    private readonly Gpt2Mlp mlp;
    private readonly int layerIndex;

    public Gpt2Block(IWeightSource source, string name, Gpt2Config config, int layerIndex)
    {
        this.layerIndex = layerIndex;
        norm1 = RegisterModule("ln_1", new LayerNorm(source, name + ".ln_1", config.Hidden, config.LayerNormEps));
        attention = RegisterModule("attn", new Gpt2Attention(source, name + ".attn", config, layerIndex));
        norm2 = RegisterModule("ln_2", new LayerNorm(source, name + ".ln_2", config.Hidden, config.LayerNormEps));
        mlp = RegisterModule("mlp", new Gpt2Mlp(source, name + ".mlp", config));
    }

    public (Tensor Output, Tensor Probabilities) Forward(Tensor x, Tensor mask, KvCache? cache, ActivationCapture? capture)
    {
        capture?.Record(layerIndex, CapturePoint.ResidualInput, x);
        var (attended, probabilities) = attention.Forward(norm1.Forward(x), mask, cache, capture);
        capture?.Record(layerIndex, CapturePoint.AttentionOutput, attended);
        var residual = x.add(attended);                                            // [B, T, D]
        var fed = mlp.Forward(norm2.Forward(residual));                            // [B, T, D]
        capture?.Record(layerIndex, CapturePoint.MlpOutput, fed);
        var output = residual.add(fed);
        capture?.Record(layerIndex, CapturePoint.ResidualOutput, output);
        return (output, probabilities);
    }
}
