using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Models.Layers;

/// <summary>Root-mean-square normalisation over the last dimension with a learned scale (Zhang &amp;
/// Sennrich 2019): x / sqrt(mean(x^2) + eps), computed in float32 and cast back to the input's
/// dtype before the scale, as transformers' LlamaRMSNorm.</summary>
internal sealed class RmsNorm : Module
{
    private readonly double eps;

    public RmsNorm(IWeightSource source, string name, long size, double eps)
    {
        this.eps = eps;
        Weight = RegisterParameter("weight", source.Take(name + ".weight", [size], WeightInit.Ones));
    }

    public Tensor Weight { get; }

    public Tensor Forward(Tensor x) => F.rms_norm(x, Weight, eps);
}
