using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Architectures.Llama;

/// <summary>Llama's gated feed-forward block (SwiGLU; Shazeer 2020): down(act(gate(x)) * up(x)).</summary>
internal sealed class LlamaMlp : Module
{
    private readonly Linear gate;
    private readonly Linear up;
    private readonly Linear down;
    private readonly Func<Tensor, Tensor> activation;

    public LlamaMlp(IWeightSource source, string name, LlamaConfig config)
    {
        activation = ActivationFunction.FromName(config.HiddenAct, $"{config.ModelType} hidden_act");
        gate = RegisterModule("gate_proj", Linear.Load(source, name + ".gate_proj", config.Hidden, config.Intermediate, config.MlpBiases));
        up = RegisterModule("up_proj", Linear.Load(source, name + ".up_proj", config.Hidden, config.Intermediate, config.MlpBiases));
        down = RegisterModule("down_proj", Linear.Load(source, name + ".down_proj", config.Intermediate, config.Hidden, config.MlpBiases));
    }

    public Tensor Forward(Tensor x) => down.Forward(activation(gate.Forward(x)).mul(up.Forward(x)));
}
