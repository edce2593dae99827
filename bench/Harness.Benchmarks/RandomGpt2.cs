using Harness.Models.Architectures.Gpt2;
using Harness.Models.Loading;

namespace Harness.Benchmarks;

/// <summary>A GPT-2-small-sized model (124M parameters: 12 layers, 768 wide, 12 heads, vocabulary
/// 50257) with seeded random weights, since no pretrained weights can be downloaded here.</summary>
public static class RandomGpt2
{
    public static readonly Gpt2Config SmallConfig = new();

    public static Gpt2Model Create(ulong seed = 0)
    {
        using var weights = new RandomWeights(seed, SmallConfig.InitializerRange);
        return new Gpt2Model(weights, SmallConfig);
    }
}
