using BenchmarkDotNet.Attributes;
using Harness.Models;
using Harness.Models.Architectures.Gpt2;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>Forward throughput of a GPT-2-small-sized model at batch 8 x 128 tokens, float32 on
/// the CPU (target: within 1.2x of PyTorch eager on the same model and machine; bench/pytorch/
/// gpt2_forward.py measures that side).</summary>
[WarmupCount(1)]
[IterationCount(5)]
[RunOncePerIteration]
public class ForwardBenchmarks
{
    private const int Batch = 8;
    private const int Length = 128;
    private Gpt2Model model = null!;
    private Tensor ids = null!;

    [GlobalSetup]
    public void Setup()
    {
        model = RandomGpt2.Create();
        using var generator = new Generator(1);
        ids = torch.randint(0, RandomGpt2.SmallConfig.VocabSize, [Batch, Length], generator).DetachFromDisposeScope();
    }

    [Benchmark]
    [Throughput(Batch * Length, "tokens")]
    public long Gpt2SmallForward8x128()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return model.Forward(ModelInput.FromIds(ids)).Logits.ndim;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        ids.Dispose();
        model.Dispose();
    }
}
