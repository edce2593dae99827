using System.Text.Json;
using Harness.Models.Formats;
using Harness.Models.Loading;
using Harness.Torch;

namespace Harness.Models;

/// <summary>Loads a model directory exactly as Hugging Face writes it (config.json plus
/// model.safetensors or its shards), picking the architecture from config.json's model_type.</summary>
public static class ModelLoader
{
    /// <summary>The model_type values the harness can load.</summary>
    public static IReadOnlyList<string> SupportedModelTypes => ArchitectureRegistry.All.Select(a => a.ModelType).ToList();

    /// <param name="model">A model directory, or a model id found in the local Hugging Face cache.</param>
    /// <param name="dtype">Floating-point weights are converted to it; null keeps the file's.</param>
    /// <param name="device">Where the parameters live (default: the CPU).</param>
    /// <param name="reinitialise">Top decoder blocks to draw anew instead of reading (the model randomisation check's copy); null: none.</param>
    public static ILanguageModel Load(string model, ScalarType? dtype = null, Device? device = null, TopLayerReinitialisation? reinitialise = null)
    {
        var directory = ModelLocator.Resolve(model);
        var configPath = Path.Combine(directory, "config.json");
        if (!File.Exists(configPath)) throw new ModelFormatException(configPath, "file not found");
        var json = ModelFile.ReadText(configPath, ModelFile.SmallJsonLimit);
        var modelType = ModelType(configPath, json);
        var architecture = ArchitectureRegistry.Find(modelType)
            ?? throw new ModelFormatException(configPath, $"model_type '{modelType}' is not supported; supported: {string.Join(", ", SupportedModelTypes)}");
        using var weights = new CheckpointWeights(directory, dtype, device);
        using var redrawn = reinitialise?.For(weights.Names, configPath, json);
        weights.Reinitialise = redrawn;
        return architecture.Load(new ArchitectureLoadContext(configPath, json, weights));
    }

    private static string ModelType(string configPath, string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new ModelFormatException(configPath, $"expected a JSON object of settings, found {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            return doc.RootElement.TryGetProperty("model_type", out var t) ? t.GetString() ?? "" : "";
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(configPath, $"invalid JSON ({e.Message})");
        }
    }
}
