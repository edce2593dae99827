using Harness.Torch;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Models.Layers;

/// <summary>The hidden_act names of transformers' ACT2FN that gated (SwiGLU-style) MLPs use.</summary>
public static class ActivationFunction
{
    public static readonly IReadOnlyList<string> Names = ["silu", "swish", "gelu", "gelu_new", "gelu_pytorch_tanh", "relu"];

    /// <summary>The function called <paramref name="name"/>; an unknown name fails listing <see cref="Names"/>.</summary>
    public static Func<Tensor, Tensor> FromName(string name, string modelType) => name switch
    {
        "silu" or "swish" => F.silu,
        "gelu" => x => F.gelu(x),
        // Source: transformers ACT2FN: gelu_new and gelu_pytorch_tanh are the tanh approximation.
        "gelu_new" or "gelu_pytorch_tanh" => x => F.gelu(x, GeluApproximation.Tanh),
        "relu" => F.relu,
        _ => throw new NotSupportedException($"{modelType} hidden_act '{name}' is not supported ({string.Join(", ", Names)})"),
    };
}
