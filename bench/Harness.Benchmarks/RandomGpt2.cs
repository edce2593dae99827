using Harness.Models.Architectures.Gpt2;
using Harness.Models.Loading;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>A GPT-2-small-sized model (124M parameters: 12 layers, 768 wide, 12 heads, vocabulary
/// 50257), or a GPT-2-medium-sized one (355M: 24 layers, 1024 wide, 16 heads), with seeded random weights, since no
/// pretrained weights can be downloaded here.</summary>
public static class RandomGpt2
{
    public static readonly Gpt2Config SmallConfig = new();

    /// <summary>GPT-2 medium's shape (Hugging Face gpt2-medium config.json).</summary>
    public static readonly Gpt2Config MediumConfig = new() { Layers = 24, Hidden = 1024, Heads = 16 };

    /// <summary>The same weights on every device and in every dtype: drawn in float32 on the CPU, then converted and moved.</summary>
    public static Gpt2Model Create(ulong seed = 0, ScalarType dtype = ScalarType.Float32, Device? device = null, Gpt2Config? config = null)
    {
        config ??= SmallConfig;
        using var weights = new RandomWeights(seed, config.InitializerRange, dtype, device);
        return new Gpt2Model(weights, config);
    }
}
