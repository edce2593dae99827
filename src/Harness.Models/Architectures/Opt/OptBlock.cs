using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Models.Architectures.Opt;

/// <summary>One OPT decoder layer. Pre-LN (do_layer_norm_before, most sizes): x + attn(ln(x)), then
/// + mlp(ln(x)). Post-LN (opt-350m): ln(x + attn(x)), then ln(x + mlp(x)). The feed-forward part
/// (fc1, activation, fc2) is inline, as in transformers' OPTDecoderLayer, so parameter names match
/// the checkpoint's.</summary>
internal sealed class OptBlock : Module
{
    private readonly bool normBefore;
    private readonly LayerNorm attentionNorm;
    private readonly OptAttention attention;
    private readonly LayerNorm mlpNorm;
    private readonly Linear up;
    private readonly Linear down;
    private readonly Func<Tensor, Tensor> activation;
    private readonly int layerIndex;

    public OptBlock(IWeightSource source, string name, OptConfig config, int layerIndex)
    {
        this.layerIndex = layerIndex;
        normBefore = config.LayerNormBefore;
        activation = ActivationFunction.FromName(config.Activation, "OPT activation_function");
        attention = RegisterModule("self_attn", new OptAttention(source, name + ".self_attn", config, layerIndex));
        attentionNorm = RegisterModule("self_attn_layer_norm", new LayerNorm(source, name + ".self_attn_layer_norm", config.Hidden, OptConfig.LayerNormEps));
        up = RegisterModule("fc1", Linear.Load(source, name + ".fc1", config.Hidden, config.FfnDim, config.EnableBias));
        down = RegisterModule("fc2", Linear.Load(source, name + ".fc2", config.FfnDim, config.Hidden, config.EnableBias));
        mlpNorm = RegisterModule("final_layer_norm", new LayerNorm(source, name + ".final_layer_norm", config.Hidden, OptConfig.LayerNormEps));
    }

    public (Tensor Output, Tensor Probabilities) Forward(Tensor x, Tensor mask, KvCache? cache, ActivationCapture? capture)
    {
        capture?.Record(layerIndex, CapturePoint.ResidualInput, x);
        var (attended, probabilities) = attention.Forward(normBefore ? attentionNorm.Forward(x) : x, mask, cache, capture);
        capture?.Record(layerIndex, CapturePoint.AttentionOutput, attended);
        var residual = x.add(attended);                                            // [B, T, D]
        if (!normBefore) residual = attentionNorm.Forward(residual);
        var fed = down.Forward(activation(up.Forward(normBefore ? mlpNorm.Forward(residual) : residual))); // [B, T, D]
        capture?.Record(layerIndex, CapturePoint.MlpOutput, fed);
        var output = residual.add(fed);
        if (!normBefore) output = mlpNorm.Forward(output);
        capture?.Record(layerIndex, CapturePoint.ResidualOutput, output);
        return (output, probabilities);
    }
}
