using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Models.Architectures.Gpt2;

/// <summary>GPT-2's feed-forward block: c_fc, GELU, c_proj.</summary>
public sealed class Gpt2Mlp : Module
{
    private readonly Linear up;
    private readonly Linear down;
    private readonly GeluApproximation gelu;

    public Gpt2Mlp(IWeightSource source, string name, Gpt2Config config)
    {
        // Source: transformers ACT2FN: gelu_new / gelu_pytorch_tanh are the tanh form, gelu is exact.
        gelu = config.Activation switch
        {
            "gelu_new" or "gelu_pytorch_tanh" or "gelu_fast" => GeluApproximation.Tanh,
            "gelu" => GeluApproximation.None,
            _ => throw new NotSupportedException($"GPT-2 activation_function '{config.Activation}' is not supported (gelu_new, gelu_pytorch_tanh, gelu)"),
        };
        up = RegisterModule("c_fc", Linear.LoadConv1D(source, name + ".c_fc", config.Hidden, config.InnerSize));
        down = RegisterModule("c_proj", Linear.LoadConv1D(source, name + ".c_proj", config.InnerSize, config.Hidden));
    }

    public Tensor Forward(Tensor x) => down.Forward(F.gelu(up.Forward(x), gelu));
}
