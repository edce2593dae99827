using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Models.Architectures.Roberta;

/// <summary>One post-LN encoder layer: a = LayerNorm(x + attention(x)), then LayerNorm(a + mlp(a))
/// with the MLP split as transformers names it (intermediate.dense, activation, output.dense).</summary>
internal sealed class RobertaLayer : Module
{
    private readonly RobertaAttention attention;
    private readonly Linear up;
    private readonly Linear down;
    private readonly LayerNorm norm;
    private readonly Func<Tensor, Tensor> activation;
    private readonly int layerIndex;

    public RobertaLayer(IWeightSource source, string name, RobertaConfig config, int layerIndex)
    {
        this.layerIndex = layerIndex;
        activation = ActivationFunction.FromName(config.Activation, "RoBERTa hidden_act");
        attention = RegisterModule("attention", new RobertaAttention(source, name + ".attention", config, layerIndex));
        up = RegisterModule("intermediate.dense", Linear.Load(source, name + ".intermediate.dense", config.Hidden, config.Intermediate));
        down = RegisterModule("output.dense", Linear.Load(source, name + ".output.dense", config.Intermediate, config.Hidden));
        norm = RegisterModule("output.LayerNorm", new LayerNorm(source, name + ".output.LayerNorm", config.Hidden, config.LayerNormEps));
    }

    public (Tensor Output, Tensor Probabilities) Forward(Tensor x, Tensor? mask, ActivationCapture? capture)
    {
        capture?.Record(layerIndex, CapturePoint.ResidualInput, x);
        var (attended, probabilities) = attention.Forward(x, mask, capture);       // [B, T, D], after its LayerNorm
        var fed = down.Forward(activation(up.Forward(attended)));                   // [B, T, D]
        capture?.Record(layerIndex, CapturePoint.MlpOutput, fed);
        var output = norm.Forward(fed.add(attended));                               // [B, T, D]
        capture?.Record(layerIndex, CapturePoint.ResidualOutput, output);
        return (output, probabilities);
    }
}
