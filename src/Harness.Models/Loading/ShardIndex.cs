using System.Text.Json;
using Harness.Models.Formats;

namespace Harness.Models.Loading;

/// <summary>Reads model.safetensors.index.json: {"weight_map": {tensor name: shard file}}.</summary>
internal static class ShardIndex
{
    public static IReadOnlyList<string> Read(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(Formats.ModelFile.ReadText(path, Formats.ModelFile.SmallJsonLimit));
            if (!doc.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
                throw new ModelFormatException(path, "has no \"weight_map\" object");
            return map.EnumerateObject().Select(p => p.Value.GetString() ?? throw new ModelFormatException(path, $"weight_map entry '{p.Name}' is not a file name")).ToList();
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(path, $"invalid JSON ({e.Message})");
        }
    }
}
