using BenchmarkDotNet.Attributes;
using Harness.Models;
using Harness.Models.Architectures.Gpt2;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>Forward throughput of a GPT-2-small-sized model at batch 8 x 128 tokens on each device and
/// dtype of <see cref="BenchPlacement"/> (float32 on the CPU by default; target there: within 1.2x of
/// PyTorch eager on the same model and machine; bench/pytorch/gpt2_forward.py measures that side).</summary>
[WarmupCount(1)]
[IterationCount(5)]
[RunOncePerIteration]
public class ForwardBenchmarks
{
    private const int Batch = 8;
    private const int Length = 128;
    private Gpt2Model model = null!;
    private Tensor ids = null!;
    private Device device;

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
        using var generator = new Generator(1);
        using var scope = torch.NewDisposeScope();
        ids = torch.randint(0, RandomGpt2.SmallConfig.VocabSize, [Batch, Length], generator).to(device).DetachFromDisposeScope();
    }

    [Benchmark]
    [Throughput(Batch * Length, "tokens")]
    public long Gpt2SmallForward8x128()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var logits = model.Forward(ModelInput.FromIds(ids)).Logits;
        BenchPlacement.Synchronize(device);
        return logits.ndim;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        ids.Dispose();
        model.Dispose();
    }
}
