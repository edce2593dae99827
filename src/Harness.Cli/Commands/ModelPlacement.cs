using System.CommandLine;
using Harness.Models;
using Harness.Torch;

namespace Harness.Cli.Commands;

/// <summary>`--dtype` and `--device` of every command that loads a model (logits, attribute, evaluate,
/// train-at2, and run and validate as overrides of the experiment file): one definition and one parser,
/// so every command accepts the same values and refuses a bad one with the same line and exit code 2.
/// Null members mean "not given": the checkpoint's own dtype (the file's for run/validate), the CPU.</summary>
internal sealed record ModelPlacement(ScalarType? DType, Device? Device)
{
    /// <summary>The dtypes a model can be loaded in (ExperimentValidator.DTypes spells the same four).</summary>
    public static readonly IReadOnlyList<ScalarType> DTypes = [ScalarType.Float32, ScalarType.Float16, ScalarType.BFloat16, ScalarType.Float64];

    /// <summary>Adds --dtype and --device to <paramref name="command"/>; the function parses them from a
    /// parse result, throwing <see cref="UsageException"/> for a bad value (call it inside CommandRunner.Run).</summary>
    public static Func<ParseResult, ModelPlacement> AddTo(Command command)
    {
        var dtype = new Option<string?>("--dtype") { Description = "Weights and activations dtype: float32, float16, bfloat16 or float64 (default: the checkpoint's own; run and validate: the experiment file's)." };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or cuda:N (default: the CPU; run and validate: the experiment file's)." };
        command.Options.Add(dtype);
        command.Options.Add(device);
        return r => new ModelPlacement(ParseDType(r.GetValue(dtype)), ParseDevice(r.GetValue(device)));
    }

    /// <summary>The device that input tensors are created on: the model's.</summary>
    public Device TensorDevice => Device ?? Harness.Torch.Device.CPU;

    public ILanguageModel Load(string directory) => ModelLoader.Load(directory, DType, Device);

    /// <summary>The experiment file's spelling of a dtype ("bfloat16").</summary>
    public static string Name(ScalarType dtype) => dtype.ToString().ToLowerInvariant();

    private static ScalarType? ParseDType(string? text) => text switch
    {
        null => null,
        "float32" or "fp32" => ScalarType.Float32,
        "float16" or "fp16" or "half" => ScalarType.Float16,
        "bfloat16" or "bf16" => ScalarType.BFloat16,
        "float64" or "fp64" or "double" => ScalarType.Float64,
        _ => throw new UsageException($"--dtype '{text}' is not one of {string.Join(", ", DTypes.Select(Name))}"),
    };

    /// <summary>A CUDA device this libtorch cannot see is refused here, before any weights are read,
    /// rather than as a libtorch error from the first tensor moved there.</summary>
    private static Device? ParseDevice(string? text)
    {
        if (text is null) return null;
        Device device;
        try
        {
            device = Harness.Torch.Device.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--device: {e.Message}");
        }

        if (device.type == DeviceType.CUDA)
        {
            var count = torch.cuda.is_available() ? torch.cuda.device_count() : 0;
            if (device.index >= count)
                throw new UsageException($"--device {text}: this libtorch sees {count} CUDA device(s) (see `harness doctor`)");
        }

        return device;
    }
}
