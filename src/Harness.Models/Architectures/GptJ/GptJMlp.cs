using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Models.Architectures.GptJ;

/// <summary>GPT-J's feed-forward block: fc_in, GELU, fc_out (both with biases).</summary>
internal sealed class GptJMlp : Module
{
    private readonly Linear up;
    private readonly Linear down;
    private readonly Func<Tensor, Tensor> activation;

    public GptJMlp(IWeightSource source, string name, GptJConfig config)
    {
        activation = ActivationFunction.FromName(config.Activation, "GPT-J activation_function");
        up = RegisterModule("fc_in", Linear.Load(source, name + ".fc_in", config.Hidden, config.InnerSize));
        down = RegisterModule("fc_out", Linear.Load(source, name + ".fc_out", config.InnerSize, config.Hidden));
    }

    public Tensor Forward(Tensor x) => down.Forward(activation(up.Forward(x)));
}
