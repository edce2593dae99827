using System.CommandLine;
using Harness.Torch;

namespace Harness.Cli.Commands;

/// <summary>Options and parsers several commands share.</summary>
public static class CommandOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print machine-readable JSON instead of text." };

    public static Option<string?> DType() => new("--dtype") { Description = "Weights and activations dtype: float32 (default), float16, bfloat16, float64." };

    public static Option<string?> Device() => new("--device") { Description = "cpu (default), cuda or cuda:N." };

    /// <summary>"1,2,3" -> ids; null when the option was not given.</summary>
    public static long[]? ParseIds(string? text, string option)
    {
        if (text is null) return null;
        try
        {
            return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
        }
        catch (FormatException)
        {
            throw new UsageException($"{option} expects comma-separated integers, e.g. {option} 5,17,42; got '{text}'");
        }
    }

    public static ScalarType? ParseDType(string? text) => text switch
    {
        null => null,
        "float32" or "fp32" => ScalarType.Float32,
        "float16" or "fp16" or "half" => ScalarType.Float16,
        "bfloat16" or "bf16" => ScalarType.BFloat16,
        "float64" or "fp64" or "double" => ScalarType.Float64,
        _ => throw new UsageException($"--dtype '{text}' is not one of float32, float16, bfloat16, float64"),
    };

    public static Device? ParseDevice(string? text)
    {
        if (text is null) return null;
        try
        {
            return Harness.Torch.Device.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--device: {e.Message}");
        }
    }
}
