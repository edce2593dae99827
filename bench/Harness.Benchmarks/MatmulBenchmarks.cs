using BenchmarkDotNet.Attributes;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>A 1024^3 float32 matmul through the binding (target: >= 150 GFLOP/s on the 2-core
/// CI machine with OpenBLAS; libtorch reaches about 200 from C++ there).</summary>
public class MatmulBenchmarks
{
    private const int N = 1024;
    private Tensor a = null!;
    private Tensor b = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var generator = new Generator(0);
        a = torch.randn([N, N], generator).DetachFromDisposeScope();
        b = torch.randn([N, N], generator).DetachFromDisposeScope();
    }

    [Benchmark]
    [Throughput(2.0 * N * N * N / 1e9, "GFLOP")]
    public long Matmul1024()
    {
        using var c = a.matmul(b);
        return c.ndim;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        a.Dispose();
        b.Dispose();
    }
}
