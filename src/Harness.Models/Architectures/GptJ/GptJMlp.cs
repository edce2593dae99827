using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Models.Architectures.GptJ;

/// <summary>GPT-J's feed-forward block: fc_in, GELU, fc_out (both with biases).</summary>
public sealed class GptJMlp : Module
{
    private readonly Linear up;
    private readonly Linear down;
    private readonly GeluApproximation gelu;

    public GptJMlp(IWeightSource source, string name, GptJConfig config)
    {
        // Source: transformers ACT2FN: gelu_new / gelu_pytorch_tanh are the tanh form, gelu is exact.
        gelu = config.Activation switch
        {
            "gelu_new" or "gelu_pytorch_tanh" or "gelu_fast" => GeluApproximation.Tanh,
            "gelu" => GeluApproximation.None,
            _ => throw new NotSupportedException($"GPT-J activation_function '{config.Activation}' is not supported (gelu_new, gelu_pytorch_tanh, gelu)"),
        };
        up = RegisterModule("fc_in", Linear.Load(source, name + ".fc_in", config.Hidden, config.InnerSize));
        down = RegisterModule("fc_out", Linear.Load(source, name + ".fc_out", config.InnerSize, config.Hidden));
    }

    public Tensor Forward(Tensor x) => down.Forward(F.gelu(up.Forward(x), gelu));
}
