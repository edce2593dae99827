using Harness.Torch;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Models.Layers;

/// <summary>The activation names of transformers' ACT2FN (config.json's hidden_act or
/// activation_function) that the harness's architectures use, in one table.</summary>
internal static class ActivationFunction
{
    public static readonly IReadOnlyList<string> Names = ["silu", "swish", "gelu", "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "relu"];

    /// <summary>The function called <paramref name="name"/>; an unknown name fails naming the config
    /// <paramref name="setting"/> (e.g. "llama hidden_act") and listing <see cref="Names"/>.</summary>
    public static Func<Tensor, Tensor> FromName(string name, string setting) => name switch
    {
        "silu" or "swish" => F.silu,
        "gelu" => x => F.gelu(x),
        // Source: transformers ACT2FN: gelu_new, gelu_pytorch_tanh and gelu_fast are the tanh approximation.
        "gelu_new" or "gelu_pytorch_tanh" or "gelu_fast" => x => F.gelu(x, GeluApproximation.Tanh),
        "relu" => F.relu,
        _ => throw new NotSupportedException($"{setting} '{name}' is not supported ({string.Join(", ", Names)})"),
    };
}
