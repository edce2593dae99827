using BenchmarkDotNet.Attributes;
using Harness.Models.Architectures.Gpt2;
using Harness.Models.Generation;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>Greedy generation of 32 tokens after a 32-token prompt on a GPT-2-small-sized model,
/// with the KV cache (one new position per step) and without (the whole prefix every step), on each
/// device and dtype of <see cref="BenchPlacement"/>.</summary>
[WarmupCount(1)]
[IterationCount(3)]
[RunOncePerIteration]
public class GenerationBenchmarks
{
    private const int PromptLength = 32;
    private const int NewTokens = 32;
    private Gpt2Model model = null!;
    private Tensor prompt = null!;
    private Device device;

    [Params(true, false)]
    public bool KvCache { get; set; }

    public static IEnumerable<string> Devices => BenchPlacement.Devices;

    public static IEnumerable<string> DTypes => BenchPlacement.DTypes;

    [ParamsSource(nameof(Devices))]
    public string Device { get; set; } = "cpu";

    [ParamsSource(nameof(DTypes))]
    public string DType { get; set; } = "float32";

    [GlobalSetup]
    public void Setup()
    {
        device = BenchPlacement.ParseDevice(Device);
        model = RandomGpt2.Create(0, BenchPlacement.ParseDType(DType), device);
        using var generator = new Generator(2);
        using var scope = torch.NewDisposeScope();
        prompt = torch.randint(0, RandomGpt2.SmallConfig.VocabSize, [1, PromptLength], generator).to(device).DetachFromDisposeScope();
    }

    [Benchmark]
    [Throughput(NewTokens, "tokens")]
    public long Greedy32()
    {
        using var scope = torch.NewDisposeScope();
        // No EOS, so exactly 32 tokens are generated in every configuration.
        var generated = GreedyGeneration.Generate(model, prompt, null, NewTokens, eosTokenId: null, padTokenId: 0, useCache: KvCache);
        BenchPlacement.Synchronize(device);
        return generated.size(1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        prompt.Dispose();
        model.Dispose();
    }
}
