using BenchmarkDotNet.Attributes;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>A 1024^3 matmul through the binding on each device and dtype of <see cref="BenchPlacement"/>
/// (float32 on the CPU by default; target there: >= 150 GFLOP/s on the 2-core CI machine with
/// OpenBLAS; libtorch reaches about 200 from C++ there).</summary>
public class MatmulBenchmarks
{
    private const int N = 1024;
    private Tensor a = null!;
    private Tensor b = null!;
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
        var dtype = BenchPlacement.ParseDType(DType);
        using var generator = new Generator(0);
        using var scope = torch.NewDisposeScope();
        a = torch.randn([N, N], generator).to(dtype, device).DetachFromDisposeScope();
        b = torch.randn([N, N], generator).to(dtype, device).DetachFromDisposeScope();
    }

    [Benchmark]
    [Throughput(2.0 * N * N * N / 1e9, "GFLOP")]
    public long Matmul1024()
    {
        using var c = a.matmul(b);
        BenchPlacement.Synchronize(device);
        return c.ndim;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        a.Dispose();
        b.Dispose();
    }
}
