using System.Text.Json;
using Harness.Experiments.Schema;
using Harness.Models;

namespace Harness.Experiments.Running;

/// <summary>
/// Peak memory of one model's cells, estimated from its folder without loading it, so `harness run` can refuse a
/// run that cannot fit before it starts (and `--dry-run` can print it): the weights at the run's dtype plus one
/// batch of perturbed sequences at the longest context, with the activations a backward pass keeps (per layer and
/// token about 16 hidden-sized tensors and one attention row per head) and the output layer's logits with their
/// float32 log-softmax (<see cref="ModelDimensions.ActivationBytes"/>). An estimate within a small factor, not a bound.
/// </summary>
public sealed record MemoryEstimate(string Model, long WeightBytes, long ActivationBytes)
{
    /// <summary>The estimated peak: weights plus one batch's activations.</summary>
    public long PeakBytes => WeightBytes + ActivationBytes;

    /// <summary>Copies of the weights held at once (<see cref="WeightBytes"/> counts them all): 1, plus one per re-initialised
    /// copy that model_randomization loads.</summary>
    public int WeightCopies { get; init; } = 1;

    /// <summary>The estimate for <paramref name="model"/> at its dtype, with batches of <paramref name="batchSize"/> sequences of up to <paramref name="maxTokens"/> tokens
    /// and <paramref name="weightCopies"/> copies of the weights; reads only config.json and the safetensors files' sizes.</summary>
    public static MemoryEstimate Of(ModelSpec model, int batchSize, int maxTokens, int weightCopies = 1)
    {
        var folder = ModelLocator.Resolve(model.Path);
        using var config = JsonDocument.Parse(Harness.Models.Formats.ModelFile.ReadText(Path.Combine(folder, "config.json"), Harness.Models.Formats.ModelFile.SmallJsonLimit));
        var fileBytes = Directory.EnumerateFiles(folder, "*.safetensors").Sum(f => Harness.Models.Formats.ModelFile.EnsureRegular(f));
        var fileDType = config.RootElement.TryGetProperty("torch_dtype", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "float32";
        var weights = (long)(fileBytes * (double)Bytes(model.DType) / Bytes(fileDType));
        var dimensions = ModelDimensions.FromConfig(config.RootElement);
        return new MemoryEstimate(model.Name, weights * weightCopies, batchSize * dimensions.ActivationBytes(maxTokens, maxTokens, Bytes(model.DType)))
        {
            WeightCopies = weightCopies,
        };
    }

    /// <summary>Bytes per element of a dtype name (float32 for anything unknown).</summary>
    private static int Bytes(string dtype) => dtype switch
    {
        "float64" => 8,
        "float16" or "bfloat16" => 2,
        _ => 4,
    };

    /// <summary>The estimate as `harness run --dry-run` prints it, in GiB.</summary>
    public override string ToString() => FormattableString.Invariant(
        $"{Model}: about {Gib(PeakBytes)} at peak ({Gib(WeightBytes)} weights{(WeightCopies > 1 ? $" in {WeightCopies} copies, model_randomization's re-initialised ones among them" : "")} + {Gib(ActivationBytes)} for one batch)");

    /// <summary><paramref name="bytes"/> in GiB with two decimals, culture-invariant.</summary>
    public static string Gib(long bytes) => FormattableString.Invariant($"{bytes / (double)(1L << 30):F2} GiB");
}
