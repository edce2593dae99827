using System.Text.Json;
using Harness.Models.Formats;

namespace Harness.Models;

/// <summary>generation_config.json: the special ids and decoding defaults a model folder ships.
/// eos_token_id may be one id or a list (Llama 3.1).</summary>
public sealed record GenerationConfig(long? BosTokenId, IReadOnlyList<long> EosTokenIds, long? PadTokenId, int? MaxNewTokens, bool DoSample)
{
    /// <summary>Reads MODEL/generation_config.json; null when the folder has none.</summary>
    public static GenerationConfig? Read(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, "generation_config.json");
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(Formats.ModelFile.ReadText(path, Formats.ModelFile.SmallJsonLimit));
            var root = doc.RootElement;
            long? Id(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
            var eos = !root.TryGetProperty("eos_token_id", out var e) ? []
                : e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(x => x.GetInt64()).ToList()
                : e.ValueKind == JsonValueKind.Number ? [e.GetInt64()]
                : new List<long>();
            int? maxNew = root.TryGetProperty("max_new_tokens", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32() : null;
            var sample = root.TryGetProperty("do_sample", out var s) && s.ValueKind == JsonValueKind.True;
            return new GenerationConfig(Id("bos_token_id"), eos, Id("pad_token_id"), maxNew, sample);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new ModelFormatException(path, $"invalid generation config ({ex.Message})");
        }
    }

    /// <summary>config.json's eos_token_id (the first of a list), what transformers' model.config.eos_token_id gives
    /// code such as Inseq; null when the folder's config names none or names it in a form that is no token id (only a
    /// method that asks for the eos token needs it, and fails saying so).</summary>
    public static long? ConfigEosTokenId(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, "config.json");
        try
        {
            using var doc = JsonDocument.Parse(Formats.ModelFile.ReadText(path, Formats.ModelFile.SmallJsonLimit));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("eos_token_id", out var e)) return null;
            var first = e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0 ? e[0] : e;
            return first.ValueKind == JsonValueKind.Number && first.TryGetInt64(out var id) && id >= 0 ? id : null;
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException(path, $"invalid JSON ({ex.Message})");
        }
    }
}
