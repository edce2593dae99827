namespace Harness.Torch.Tests;

/// <summary>A tensor's values copied to a host array (row-major) in a fixed element type, whatever
/// the tensor's own dtype and device, so assertions compare plain arrays.</summary>
internal static class TensorValues
{
    public static double[] Doubles(this Tensor t)
    {
        using var scope = torch.NewDisposeScope();
        return t.to(torch.float64, Device.CPU).ToArray<double>();
    }

    public static long[] Longs(this Tensor t)
    {
        using var scope = torch.NewDisposeScope();
        return t.to(torch.int64, Device.CPU).ToArray<long>();
    }

    public static bool[] Bools(this Tensor t)
    {
        using var scope = torch.NewDisposeScope();
        return t.to(torch.@bool, Device.CPU).ToArray<bool>();
    }
}
