using BenchmarkDotNet.Attributes;
using Harness.Models.Architectures.Gpt2;
using Harness.Models.Generation;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>Greedy generation of 32 tokens after a 32-token prompt on a GPT-2-small-sized model,
/// with the KV cache (one new position per step) and without (the whole prefix every step).</summary>
[WarmupCount(1)]
[IterationCount(3)]
[RunOncePerIteration]
public class GenerationBenchmarks
{
    private const int PromptLength = 32;
    private const int NewTokens = 32;
    private Gpt2Model model = null!;
    private Tensor prompt = null!;

    [Params(true, false)]
    public bool KvCache { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        model = RandomGpt2.Create();
        using var generator = new Generator(2);
        prompt = torch.randint(0, RandomGpt2.SmallConfig.VocabSize, [1, PromptLength], generator).DetachFromDisposeScope();
    }

    [Benchmark]
    [Throughput(NewTokens, "tokens")]
    public long Greedy32()
    {
        using var scope = torch.NewDisposeScope();
        // No EOS, so exactly 32 tokens are generated in every configuration.
        return GreedyGeneration.Generate(model, prompt, null, NewTokens, eosTokenId: null, padTokenId: 0, useCache: KvCache).size(1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        prompt.Dispose();
        model.Dispose();
    }
}
