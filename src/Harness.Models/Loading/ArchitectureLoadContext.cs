namespace Harness.Models.Loading;

/// <summary>What an architecture's loader gets: config.json (path and text) and the checkpoint.</summary>
public sealed record ArchitectureLoadContext(string ConfigPath, string ConfigJson, CheckpointWeights Weights)
{
    /// <summary>config.json bound to the architecture's config record (JSON names = config.json keys).</summary>
    public T Config<T>()
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<T>(ConfigJson)
                   ?? throw new Formats.ModelFormatException(ConfigPath, "is empty");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new Formats.ModelFormatException(ConfigPath, $"a field has the wrong type ({e.Path}: {e.Message})");
        }
    }

    /// <summary>Builds the model, then fails if the checkpoint holds tensors it did not take.</summary>
    public ILanguageModel Build(Func<ILanguageModel> create, Func<string, bool>? ignorable = null)
    {
        var model = create();
        try
        {
            Weights.EnsureAllUsed(ignorable);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
