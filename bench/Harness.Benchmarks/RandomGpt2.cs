using Harness.Models.Architectures.Gpt2;
using Harness.Models.Loading;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>A GPT-2-small-sized model (124M parameters: 12 layers, 768 wide, 12 heads, vocabulary
/// 50257) with seeded random weights, since no pretrained weights can be downloaded here.</summary>
public static class RandomGpt2
{
    public static readonly Gpt2Config SmallConfig = new();

    /// <summary>The same weights on every device and in every dtype: drawn in float32 on the CPU, then converted and moved.</summary>
    public static Gpt2Model Create(ulong seed = 0, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        using var weights = new RandomWeights(seed, SmallConfig.InitializerRange, dtype, device);
        return new Gpt2Model(weights, SmallConfig);
    }
}
