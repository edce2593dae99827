using BenchmarkDotNet.Attributes;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>Per-call cost of the binding on a tiny tensor (target: <= 10 microseconds for add).
/// Add is the full path: P/Invoke, libtorch's dispatcher, a new tensor, its handle and disposal.</summary>
public class OverheadBenchmarks
{
    private Tensor a = null!;
    private Tensor b = null!;

    [GlobalSetup]
    public void Setup()
    {
        a = torch.ones([4]).DetachFromDisposeScope();
        b = torch.ones([4]).DetachFromDisposeScope();
    }

    [Benchmark(Baseline = true)]
    public long TinyAdd()
    {
        using var c = a.add(b);
        return 1;
    }

    /// <summary>The same add inside a dispose scope, as model code runs it.</summary>
    [Benchmark]
    public long TinyAddInScope()
    {
        using var scope = torch.NewDisposeScope();
        var c = a.add(b);
        return scope.Count;
    }

    /// <summary>A metadata call: P/Invoke and the handle check, no libtorch work.</summary>
    [Benchmark]
    public long Numel() => a.numel();

    [GlobalCleanup]
    public void Cleanup()
    {
        a.Dispose();
        b.Dispose();
    }
}
