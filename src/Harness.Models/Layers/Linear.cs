using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Models.Layers;

/// <summary>y = x W^T + b with W stored [out, in] (nn.Linear).</summary>
public sealed class Linear : Module
{
    private readonly bool storedAsConv1D;

    private Linear(Tensor weight, Tensor? bias, bool storedAsConv1D = false)
    {
        this.storedAsConv1D = storedAsConv1D;
        Weight = RegisterParameter("weight", weight);
        if (bias is not null) Bias = RegisterParameter("bias", bias);
    }

    /// <summary>[out, in], as PyTorch stores it.</summary>
    public Tensor Weight { get; }

    /// <summary>[out], or null for a layer without bias.</summary>
    public Tensor? Bias { get; }

    /// <summary>The layer NAME.weight [out, in] (and NAME.bias) from <paramref name="source"/>.</summary>
    public static Linear Load(IWeightSource source, string name, long inFeatures, long outFeatures, bool bias = true) =>
        new(source.Take(name + ".weight", [outFeatures, inFeatures], WeightInit.Normal),
            bias ? source.Take(name + ".bias", [outFeatures], WeightInit.Zeros) : null);

    /// <summary>GPT-2's Conv1D stores W as [in, out] (y = x W + b); it is transposed once here so
    /// every projection runs the same kernel.</summary>
    public static Linear LoadConv1D(IWeightSource source, string name, long inFeatures, long outFeatures)
    {
        using var scope = torch.NewDisposeScope();
        var weight = source.TakeTransposed(name + ".weight", [inFeatures, outFeatures], WeightInit.Normal);
        var bias = source.Take(name + ".bias", [outFeatures], WeightInit.Zeros);
        return new Linear(weight.MoveToOuterDisposeScope(), bias.MoveToOuterDisposeScope(), storedAsConv1D: true);
    }

    /// <summary>x W^T + b.</summary>
    public Tensor Forward(Tensor x) => F.linear(x, Weight, Bias);

    /// <summary>A Conv1D weight goes back to the file as [in, out].</summary>
    protected override Tensor ToCheckpointLayout(string name, Tensor parameter) =>
        storedAsConv1D && name == "weight" ? parameter.t().contiguous() : parameter;
}
