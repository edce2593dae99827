using System.Text.Json;
using Harness.Attribution.Core;
using Harness.Data.Segmentation;
using Harness.Models;
using Harness.Models.Formats;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Methods;

/// <summary>
/// AT2's trained linear score estimator (spec/attributors.md "AT2"): tau_j = theta^T phi_j, no bias,
/// theta over the layers * heads attention features of <see cref="At2Features"/>, with what it was
/// trained for. Saved as two files in one folder (spec: safetensors + json, never a pickled class
/// as AT2's score_estimators.py): <see cref="WeightsFile"/> holds "theta" [layers, heads] in float64,
/// <see cref="MetadataFile"/> the model, dataset, source unit, seed, layers and heads.
/// </summary>
public sealed record At2Estimator(double[] Theta, int Layers, int Heads, string Model, string Dataset, SourceUnit SourceUnit, ulong Seed)
{
    /// <summary>The file of the estimator's folder holding "theta" [layers, heads] in float64 (safetensors).</summary>
    public const string WeightsFile = "at2_estimator.safetensors";
    /// <summary>The file of the estimator's folder holding what it was trained for (JSON).</summary>
    public const string MetadataFile = "at2_estimator.json";

    /// <summary>How a user gets an estimator, for the errors that need one.</summary>
    public const string HowToTrain = "train one with At2Trainer or `harness train-at2 MODEL --examples FILE.jsonl --out DIR` "
        + "and pass it as AttributorResources.At2Estimator (`harness attribute --method at2 --at2-estimator DIR`)";

    /// <summary>The layers * heads weights theta, one per attention feature; a length other than layers * heads throws.</summary>
    public double[] Theta { get; } = Layers > 0 && Heads > 0 && Theta.Length == Layers * Heads
        ? Theta
        : throw new ArgumentException($"an AT2 estimator of {Layers} layers x {Heads} heads needs {Layers * Heads} weights, got {Theta.Length}", nameof(Theta));

    /// <summary>Features per source the estimator reads (layers * heads).</summary>
    public int Features => Layers * Heads;

    /// <summary>AT2's starting point, theta = 1 / (layers * heads) (AT2's LinearScoreEstimator init):
    /// the mean attention over heads and layers, before any training.</summary>
    public static At2Estimator Uniform(int layers, int heads, string model, string dataset = "untrained", SourceUnit sourceUnit = SourceUnit.Token, ulong seed = 0) =>
        new(Enumerable.Repeat(1.0 / (layers * heads), layers * heads).ToArray(), layers, heads, model, dataset, sourceUnit, seed);

    /// <summary>tau_j = theta^T phi_j for every source.</summary>
    public double[] Score(At2Features features)
    {
        EnsureFits(features.Layers, features.Heads);
        return features.PerSource.Select(phi => phi.Select((x, f) => x * Theta[f]).Sum()).ToArray();
    }

    /// <summary>Fails unless the model has the layers and heads the estimator was trained on.</summary>
    public void EnsureFits(int layers, int heads)
    {
        if (layers != Layers || heads != Heads)
            throw new AttributionException($"the AT2 estimator was trained for {Layers} layers x {Heads} heads ({Model}) but this model has "
                + $"{layers} layers x {heads} heads: an estimator only scores the model shape it was trained on; {HowToTrain}");
    }

    /// <summary>Writes <see cref="WeightsFile"/> and <see cref="MetadataFile"/> into <paramref name="directory"/> (created if needed).</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        using (var scope = torch.NewDisposeScope())
        {
            var theta = torch.tensor(Theta, [Layers, Heads], device: Device.CPU);
            SafeTensorsWriter.Write(Path.Combine(directory, WeightsFile), [("theta", theta)]);
        }

        using var stream = File.Create(Path.Combine(directory, MetadataFile));
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("method", At2.MethodName);
        json.WriteString("model", Model);
        json.WriteString("dataset", Dataset);
        json.WriteString("source_unit", OptionBinder.SnakeCase(SourceUnit.ToString()));
        json.WriteNumber("seed", Seed);
        json.WriteNumber("layers", Layers);
        json.WriteNumber("heads", Heads);
        json.WriteEndObject();
    }

    /// <summary>Reads an estimator saved by <see cref="Save"/>; <paramref name="path"/> is its folder or
    /// either of its two files. Fails naming the file when one is missing or they disagree.</summary>
    public static At2Estimator Load(string path)
    {
        if (!Directory.Exists(path) && !File.Exists(path))
            throw new AttributionException($"no AT2 estimator at {path}: no such folder or file; {HowToTrain}");
        var directory = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        var weightsPath = Path.Combine(directory, WeightsFile);
        var metadataPath = Path.Combine(directory, MetadataFile);
        foreach (var required in new[] { weightsPath, metadataPath })
            if (!File.Exists(required)) throw new AttributionException($"no AT2 estimator at {path}: {required} is missing; {HowToTrain}");

        string model, dataset;
        SourceUnit unit;
        ulong seed;
        int layers, heads;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(metadataPath));
            var root = doc.RootElement;
            model = root.GetProperty("model").GetString() ?? "";
            dataset = root.GetProperty("dataset").GetString() ?? "";
            var unitName = root.GetProperty("source_unit").GetString() ?? "";
            unit = OptionBinder.ParseEnum<SourceUnit>(unitName)
                ?? throw new FormatException($"source_unit '{unitName}' is not one of {string.Join(", ", OptionBinder.EnumNames<SourceUnit>())}");
            seed = root.GetProperty("seed").GetUInt64();
            layers = root.GetProperty("layers").GetInt32();
            heads = root.GetProperty("heads").GetInt32();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new AttributionException($"{metadataPath}: not AT2 estimator metadata ({e.Message})");
        }

        using var file = SafeTensorsFile.Open(weightsPath);
        var entry = file.Entry("theta");
        if (entry.Shape is not [var l, var h] || l != layers || h != heads)
            throw new AttributionException($"{weightsPath}: theta has shape [{string.Join(", ", entry.Shape)}] but {MetadataFile} says {layers} layers x {heads} heads");
        using var scope = torch.NewDisposeScope();
        var theta = file.Load("theta", ScalarType.Float64).ToArray<double>();
        return new At2Estimator(theta, layers, heads, model, dataset, unit, seed);
    }

    /// <summary>As <see cref="Load(string)"/>, then checks the estimator against the model's attention
    /// shape (one one-token forward pass) so a mismatch fails before any attribution runs.</summary>
    public static At2Estimator Load(string path, ILanguageModel model)
    {
        var estimator = Load(path);
        var (layers, heads) = At2Features.ShapeOf(model);
        estimator.EnsureFits(layers, heads);
        return estimator;
    }
}
