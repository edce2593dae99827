using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Architectures.Phi3;

/// <summary>Phi-3's gated feed-forward block: one fused projection (gate_up_proj, the gate in its
/// first half, up in its second), then down(up * act(gate)).</summary>
internal sealed class Phi3Mlp : Module
{
    private readonly Linear gateUp;
    private readonly Linear down;
    private readonly Func<Tensor, Tensor> activation;

    public Phi3Mlp(IWeightSource source, string name, Phi3Config config)
    {
        activation = ActivationFunction.FromName(config.HiddenAct, $"{config.ModelType} hidden_act");
        gateUp = RegisterModule("gate_up_proj", Linear.Load(source, name + ".gate_up_proj", config.Hidden, 2 * config.Intermediate, bias: false));
        down = RegisterModule("down_proj", Linear.Load(source, name + ".down_proj", config.Intermediate, config.Hidden, bias: false));
    }

    public Tensor Forward(Tensor x)
    {
        var halves = gateUp.Forward(x).chunk(2, -1);                                     // 2 x [B, T, I]
        return down.Forward(halves[1].mul(activation(halves[0])));
    }
}
