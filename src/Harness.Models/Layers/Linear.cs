using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Models.Layers;

/// <summary>y = x W^T + b with W stored [out, in] (nn.Linear).</summary>
public sealed class Linear : Module
{
    private Linear(Tensor weight, Tensor? bias)
    {
        Weight = RegisterParameter("weight", weight);
        if (bias is not null) Bias = RegisterParameter("bias", bias);
    }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public static Linear Load(IWeightSource source, string name, long inFeatures, long outFeatures, bool bias = true) =>
        new(source.Take(name + ".weight", [outFeatures, inFeatures], WeightInit.Normal),
            bias ? source.Take(name + ".bias", [outFeatures], WeightInit.Zeros) : null);

    /// <summary>GPT-2's Conv1D stores W as [in, out] (y = x W + b); it is transposed once here so
    /// every projection runs the same kernel.</summary>
    public static Linear LoadConv1D(IWeightSource source, string name, long inFeatures, long outFeatures)
    {
        using var scope = torch.NewDisposeScope();
        var weight = source.Take(name + ".weight", [inFeatures, outFeatures], WeightInit.Normal).t().contiguous();
        var bias = source.Take(name + ".bias", [outFeatures], WeightInit.Zeros);
        return new Linear(weight.MoveToOuterDisposeScope(), bias.MoveToOuterDisposeScope());
    }

    public Tensor Forward(Tensor x) => F.linear(x, Weight, Bias);
}
