using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>The devices and dtypes the model benchmarks (attributors, metrics, forward, generation,
/// matmul) run on: HARNESS_BENCH_DEVICE (cpu, cuda or cuda:N) and HARNESS_BENCH_DTYPE (float32,
/// bfloat16, float16, float64), each comma-separated for a grid; cpu and float32 when unset. Those
/// benchmarks take them as the parameters Device and DType, so every export (Markdown, CSV, full JSON)
/// records both and --filter globs match them (`*bfloat16*`).</summary>
public static class BenchPlacement
{
    public const string DeviceVariable = "HARNESS_BENCH_DEVICE";
    public const string DTypeVariable = "HARNESS_BENCH_DTYPE";

    private static readonly ScalarType[] FloatTypes = [ScalarType.Float32, ScalarType.BFloat16, ScalarType.Float16, ScalarType.Float64];

    /// <summary>Device names as torch.device prints them ("cpu", "cuda:0"), so `cuda` and `cuda:0` are one case.</summary>
    public static IEnumerable<string> Devices => List(DeviceVariable, "cpu").Select(d => ParseDevice(d).ToString()).Distinct();

    public static IEnumerable<string> DTypes => List(DTypeVariable, "float32").Select(d => Name(ParseDType(d))).Distinct();

    /// <summary>A CUDA device the loaded libtorch cannot see fails here, naming the likely cause, rather
    /// than as a libtorch error in every case's setup.</summary>
    public static Device ParseDevice(string name)
    {
        Device device;
        try
        {
            device = Device.Parse(name);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"{DeviceVariable}: {e.Message}", e);
        }

        var count = device.type == DeviceType.CUDA && torch.cuda.is_available() ? torch.cuda.device_count() : 0;
        if (device.type == DeviceType.CUDA && device.index >= count)
            throw new ArgumentException($"{DeviceVariable}: {name} asked for, but this libtorch ({torch.version}) sees {count} CUDA device(s); "
                + $"was {Path.Combine(AppContext.BaseDirectory, "libharness_torch.so")} built against a CUDA libtorch?");
        return device;
    }

    public static ScalarType ParseDType(string name)
    {
        foreach (var dtype in FloatTypes)
            if (string.Equals(Name(dtype), name.Trim(), StringComparison.OrdinalIgnoreCase)) return dtype;
        throw new ArgumentException($"{DTypeVariable}: '{name}' is not one of {string.Join(", ", FloatTypes.Select(Name))}");
    }

    /// <summary>Waits for the device's queued work: CUDA kernels run asynchronously, so a benchmark body
    /// that only launches them would time the launches.</summary>
    public static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA) torch.cuda.synchronize(device.index);
    }

    private static string Name(ScalarType dtype) => dtype.ToString().ToLowerInvariant();

    /// <summary>The comma-separated entries of environment variable <paramref name="variable"/>, or of
    /// <paramref name="fallback"/> when it is unset or empty.</summary>
    public static IEnumerable<string> List(string variable, string fallback) =>
        (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : fallback)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
