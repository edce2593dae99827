using Harness.Torch;

namespace Harness.Scoring;

/// <summary>The random draws of the perturbation methods (permutations, Bernoulli keep-masks,
/// uniform numbers) from one CPU generator seeded by the request: same seed, same draws, whatever
/// the model's device (the draws are read back as arrays, so they stay on the CPU).</summary>
public sealed class CoalitionSampler(ulong seed) : IDisposable
{
    private readonly Generator generator = new(seed);

    /// <summary>A uniformly random ordering of 0..n-1.</summary>
    public int[] Permutation(int n)
    {
        using var scope = torch.NewDisposeScope();
        return torch.randperm(n, generator, device: Device.CPU).ToArray<long>().Select(i => (int)i).ToArray();
    }

    /// <summary>n independent draws from U(0, 1).</summary>
    public double[] Uniform(int n)
    {
        using var scope = torch.NewDisposeScope();
        return torch.rand([n], generator, ScalarType.Float64, device: Device.CPU).ToArray<double>();
    }

    /// <summary>A keep-mask of n features, each kept with probability <paramref name="keep"/>.</summary>
    public bool[] KeepMask(int n, double keep) => Uniform(n).Select(u => u < keep).ToArray();

    /// <summary>Frees the native random generator.</summary>
    public void Dispose() => generator.Dispose();
}
