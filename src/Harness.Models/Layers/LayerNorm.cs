using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Models.Layers;

/// <summary>Layer normalisation over the last dimension with a learned scale and shift.</summary>
public sealed class LayerNorm : Module
{
    private readonly long size;
    private readonly double eps;

    public LayerNorm(IWeightSource source, string name, long size, double eps)
    {
        this.size = size;
        this.eps = eps;
        Weight = RegisterParameter("weight", source.Take(name + ".weight", [size], WeightInit.Ones));
        Bias = RegisterParameter("bias", source.Take(name + ".bias", [size], WeightInit.Zeros));
    }

    public Tensor Weight { get; }

    public Tensor Bias { get; }

    public Tensor Forward(Tensor x) => F.layer_norm(x, [size], Weight, Bias, eps);
}
