using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Architectures.GptJ;

/// <summary>One GPT-J block: attention and MLP run in parallel on the same ln_1(x), and both join
/// the residual stream at once: x + attn(ln_1(x)) + mlp(ln_1(x)). There is no ln_2.</summary>
internal sealed class GptJBlock : Module
{
    private readonly LayerNorm norm;
    private readonly GptJAttention attention;
    private readonly GptJMlp mlp;
    private readonly int layerIndex;

    public GptJBlock(IWeightSource source, string name, GptJConfig config, int layerIndex)
    {
        this.layerIndex = layerIndex;
        norm = RegisterModule("ln_1", new LayerNorm(source, name + ".ln_1", config.Hidden, config.LayerNormEps));
        attention = RegisterModule("attn", new GptJAttention(source, name + ".attn", config, layerIndex));
        mlp = RegisterModule("mlp", new GptJMlp(source, name + ".mlp", config));
    }

    public (Tensor Output, Tensor Probabilities) Forward(Tensor x, Tensor sin, Tensor cos, Tensor mask, KvCache? cache, ActivationCapture? capture)
    {
        capture?.Record(layerIndex, CapturePoint.ResidualInput, x);
        var normed = norm.Forward(x);                                              // [B, T, D]
        var (attended, probabilities) = attention.Forward(normed, sin, cos, mask, cache, capture);
        capture?.Record(layerIndex, CapturePoint.AttentionOutput, attended);
        var fed = mlp.Forward(normed);                                             // [B, T, D]
        capture?.Record(layerIndex, CapturePoint.MlpOutput, fed);
        // Source: GPTJBlock.forward: attn_output + feed_forward_hidden_states + residual, in that order.
        var output = attended.add(fed).add(x);
        capture?.Record(layerIndex, CapturePoint.ResidualOutput, output);
        return (output, probabilities);
    }
}
