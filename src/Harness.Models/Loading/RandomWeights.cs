using Harness.Torch;

namespace Harness.Models.Loading;

/// <summary>Seeded random parameters (for benchmarks and training from scratch): normal weights
/// with the config's std, zero biases, unit norm weights, as Hugging Face's _init_weights.</summary>
public sealed class RandomWeights(ulong seed, double std, ScalarType dtype = ScalarType.Float32, Device? device = null) : IWeightSource, IDisposable
{
    private readonly Generator generator = new(seed);
    private readonly Device device = device ?? Device.CPU;

    /// <inheritdoc/>
    public Tensor Take(string name, long[] shape, WeightInit init) => Draw(shape, init, dtype, device);

    /// <summary>The next tensor of <paramref name="shape"/> as <paramref name="init"/> fills it, as <paramref name="as"/> on
    /// <paramref name="on"/>: drawn in float32 on the CPU generator's device, so the draws do not depend on either;
    /// normal draws have the source's std times <paramref name="stdScale"/>.</summary>
    public Tensor Draw(long[] shape, WeightInit init, ScalarType @as, Device on, double stdScale = 1)
    {
        using var scope = torch.NewDisposeScope();
        var t = init switch
        {
            WeightInit.Zeros => torch.zeros(shape, device: Device.CPU),
            WeightInit.Ones => torch.ones(shape, device: Device.CPU),
            _ => torch.randn(shape, generator, device: Device.CPU).mul_(std * stdScale),
        };
        return t.to(@as, on).MoveToOuterDisposeScope();
    }

    /// <summary>Always true: any tensor can be drawn.</summary>
    public bool Has(string name) => true;

    /// <summary>Frees the generator.</summary>
    public void Dispose() => generator.Dispose();
}
