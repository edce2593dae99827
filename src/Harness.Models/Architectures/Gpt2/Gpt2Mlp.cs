using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Models.Architectures.Gpt2;

/// <summary>GPT-2's feed-forward block: c_fc, GELU, c_proj.</summary>
internal sealed class Gpt2Mlp : Module
{
    private readonly Linear up;
    private readonly Linear down;
    private readonly Func<Tensor, Tensor> activation;

    public Gpt2Mlp(IWeightSource source, string name, Gpt2Config config)
    {
        activation = ActivationFunction.FromName(config.Activation, "GPT-2 activation_function");
        up = RegisterModule("c_fc", Linear.LoadConv1D(source, name + ".c_fc", config.Hidden, config.InnerSize));
        down = RegisterModule("c_proj", Linear.LoadConv1D(source, name + ".c_proj", config.InnerSize, config.Hidden));
    }

    public Tensor Forward(Tensor x) => down.Forward(activation(up.Forward(x)));
}
