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

    /// <summary>Layer norm over the last dimension of <paramref name="size"/>, with NAME.weight and NAME.bias from
    /// <paramref name="source"/> (<paramref name="name"/>) and <paramref name="eps"/> added to the variance.</summary>
    public LayerNorm(IWeightSource source, string name, long size, double eps)
    {
        this.size = size;
        this.eps = eps;
        Weight = RegisterParameter("weight", source.Take(name + ".weight", [size], WeightInit.Ones));
        Bias = RegisterParameter("bias", source.Take(name + ".bias", [size], WeightInit.Zeros));
    }

    /// <summary>The scale, [size].</summary>
    public Tensor Weight { get; }

    /// <summary>The shift, [size].</summary>
    public Tensor Bias { get; }

    /// <summary>(x - mean) / sqrt(var + eps) * weight + bias over the last dimension.</summary>
    public Tensor Forward(Tensor x) => F.layer_norm(x, [size], Weight, Bias, eps);
}
