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

    /// <summary>Captum Lime's draw (default_perturb_func, captum/attr/_core/lime.py): torch.bernoulli of a
    /// (1, n) float32 tensor of <paramref name="keep"/>, so a seed draws the masks Captum draws after
    /// torch.manual_seed with that seed.</summary>
    public bool[] BernoulliMask(int n, double keep)
    {
        using var scope = torch.NewDisposeScope();
        return torch.bernoulli(torch.full([1, n], keep, ScalarType.Float32, device: Device.CPU), generator).ToArray<float>().Select(v => v == 1).ToArray();
    }

    /// <summary>Captum KernelShap's draw (kernel_shap_perturb_generator, captum/attr/_core/kernel_shap.py): a
    /// coalition size k from Categorical(p) with p_k proportional to (n - 1) / (k (n - k)) for k in 1..n-1
    /// (torch.multinomial of the float32 probabilities Captum builds), then torch.randn(1, n) and the k
    /// features whose draws exceed the (n - k)-th smallest. Needs n &gt;= 2.</summary>
    public bool[] ShapleyKernelCoalition(int n)
    {
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), n, "a proper non-empty coalition needs at least 2 features");
        using var scope = torch.NewDisposeScope();
        // (n - 1) / (k (n - k)) in float32 as Captum divides it (exact integers over an exact product); size 0 gets 0.
        var unnormalised = Enumerable.Range(0, n).Select(k => k == 0 ? 0f : (n - 1) / ((float)k * (n - k))).ToArray();
        var probabilities = torch.tensor(unnormalised, [1, n], device: Device.CPU);
        probabilities = probabilities.div(probabilities.sum(-1, keepdim: true));                              // Categorical normalises
        var size = (int)torch.multinomial(probabilities, 1, replacement: true, generator).ToArray<long>()[0];
        var draws = torch.randn([1, n], generator, ScalarType.Float32, device: Device.CPU).ToArray<float>();
        var threshold = draws.Order().ElementAt(n - size - 1);                                                // torch.kthvalue(draws, n - k)
        return draws.Select(v => v > threshold).ToArray();
    }

    /// <summary>Frees the native random generator.</summary>
    public void Dispose() => generator.Dispose();
}
