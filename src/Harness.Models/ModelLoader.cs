using System.Text.Json;
using Harness.Models.Architectures.Gpt2;
using Harness.Models.Formats;
using Harness.Models.Loading;
using Harness.Torch;

namespace Harness.Models;

/// <summary>Loads a model directory exactly as Hugging Face writes it (config.json plus
/// model.safetensors or its shards), picking the architecture from config.json's model_type.</summary>
public static class ModelLoader
{
    /// <summary>The model_type values the harness can load.</summary>
    public static readonly IReadOnlyList<string> SupportedModelTypes = ["gpt2"];

    /// <param name="model">A model directory, or a model id found in the local Hugging Face cache.</param>
    public static ILanguageModel Load(string model, ScalarType? dtype = null, Device? device = null)
    {
        var directory = ModelLocator.Resolve(model);
        var configPath = Path.Combine(directory, "config.json");
        if (!File.Exists(configPath)) throw new ModelFormatException(configPath, "file not found");
        var json = File.ReadAllText(configPath);
        string modelType;
        try
        {
            using var doc = JsonDocument.Parse(json);
            modelType = doc.RootElement.TryGetProperty("model_type", out var t) ? t.GetString() ?? "" : "";
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(configPath, $"invalid JSON ({e.Message})");
        }

        using var weights = new CheckpointWeights(directory, dtype, device);
        switch (modelType)
        {
            case "gpt2":
                var config = Deserialize<Gpt2Config>(configPath, json);
                var prefix = weights.Has("transformer.wte.weight") ? "transformer." : "";
                var model2 = new Gpt2Model(weights, config, prefix);
                try
                {
                    weights.EnsureAllUsed(Gpt2Model.IsIgnorableBuffer);
                }
                catch
                {
                    model2.Dispose();
                    throw;
                }

                return model2;
            default:
                throw new ModelFormatException(configPath, $"model_type '{modelType}' is not supported; supported: {string.Join(", ", SupportedModelTypes)}");
        }
    }

    private static T Deserialize<T>(string path, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json) ?? throw new ModelFormatException(path, "is empty");
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(path, $"a field has the wrong type ({e.Path}: {e.Message})");
        }
    }
}
