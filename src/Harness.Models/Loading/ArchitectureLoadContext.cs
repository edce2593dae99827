namespace Harness.Models.Loading;

/// <summary>What an architecture's loader gets: config.json (path and text) and the checkpoint.</summary>
public sealed record ArchitectureLoadContext(string ConfigPath, string ConfigJson, CheckpointWeights Weights)
{
    /// <summary>config.json bound to the architecture's config record (JSON names = config.json keys).</summary>
    public T Config<T>()
    {
        EnsurePositiveSizes();
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

    /// <summary>config.json keys that size a model, in every architecture's spelling: zero or a negative value would
    /// surface as a division by zero or a negative shape deep inside the loader.</summary>
    private static readonly string[] SizeKeys =
    [
        "n_head", "n_embd", "n_layer", "n_positions", "n_inner", "vocab_size", "num_attention_heads", "num_key_value_heads",
        "hidden_size", "num_hidden_layers", "intermediate_size", "max_position_embeddings", "head_dim", "ffn_dim", "word_embed_proj_dim",
    ];

    private void EnsurePositiveSizes()
    {
        using var document = System.Text.Json.JsonDocument.Parse(ConfigJson);
        foreach (var key in SizeKeys)
            if (document.RootElement.TryGetProperty(key, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.Number
                && !(value.TryGetInt64(out var size) && size > 0))
                throw new Formats.ModelFormatException(ConfigPath, $"{key} = {value.GetRawText()}: a model size must be a positive integer");
        foreach (var (width, heads) in new[] { ("n_embd", "n_head"), ("hidden_size", "num_attention_heads") })
            if (document.RootElement.TryGetProperty(width, out var w) && document.RootElement.TryGetProperty(heads, out var h)
                && w.TryGetInt64(out var d) && h.TryGetInt64(out var n) && d % n != 0 && !document.RootElement.TryGetProperty("head_dim", out _))
                throw new Formats.ModelFormatException(ConfigPath, $"{width} = {d} is not divisible by {heads} = {n}");
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
