using System.Security.Cryptography;
using System.Text.Json;
using Harness.Models.Tokenization;
using Harness.Models;

namespace Harness.Attribution.Methods;

/// <summary>
/// The part-of-speech tag of every vocabulary entry of a tokenizer, as ReAGent's POSTagTokenSampler builds it
/// (src/rationalization/rationalizer/token_replacement/token_sampler/postag.py:27-36): each id i of the tokenizer's
/// vocabulary (added tokens beyond it excluded, as transformers' vocab_size) decoded alone, stripped, and tagged alone
/// by nltk's tagger (<see cref="AveragedPerceptronTagger"/>). Ids are grouped by tag for the <see cref="PosReplacer"/>.
/// Built by `harness pos-tags` or on first use, and cached as JSON beside the model (<see cref="FileName"/>), keyed by
/// the tokenizer's and the tagger's SHA-256.
/// </summary>
public sealed class PosTagMap
{
    /// <summary>The file name of the cached map beside the model.</summary>
    public const string FileName = "pos_tags.json";

    private PosTagMap(string[] tags, string tokenizerSha256, string taggerSha256)
    {
        Tags = tags;
        TokenizerSha256 = tokenizerSha256;
        TaggerSha256 = taggerSha256;
        var order = tags.Select((t, i) => (t, i)).GroupBy(x => x.t, StringComparer.Ordinal).ToList();
        Groups = order.Select(g => g.Select(x => (long)x.i).ToArray()).ToArray();
        var groupOf = order.Select((g, k) => (g.Key, k)).ToDictionary(x => x.Key, x => x.k, StringComparer.Ordinal);
        GroupOf = tags.Select(t => groupOf[t]).ToArray();
    }

    /// <summary>The tag of each vocabulary id.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>The ids of each tag, tags in the order of their first id (as ReAGent's dictionary fills).</summary>
    public IReadOnlyList<long[]> Groups { get; }

    /// <summary>The group of each vocabulary id.</summary>
    public IReadOnlyList<int> GroupOf { get; }

    /// <summary>SHA-256 of the tokenizer the map was built from; a cache for another tokenizer is rebuilt.</summary>
    public string TokenizerSha256 { get; }

    /// <summary>SHA-256 of the tagger weights the map was built with; a cache from another tagger is rebuilt.</summary>
    public string TaggerSha256 { get; }

    /// <summary>Tags every entry of <paramref name="tokenizer"/>'s vocabulary.</summary>
    public static PosTagMap Build(Tokenizer tokenizer, string tokenizerSha256)
    {
        var tagger = AveragedPerceptronTagger.Shared;
        var size = tokenizer.Model.VocabSize;
        var tags = new string[size];
        for (var id = 0; id < size; id++)
            tags[id] = tagger.Tag([PythonText.Strip(tokenizer.Decode([id], skipSpecialTokens: false))])[0];
        return new PosTagMap(tags, tokenizerSha256, tagger.SourceSha256);
    }

    /// <summary>Tags every entry of the vocabulary of the tokenizer.json at <paramref name="tokenizerPath"/>.</summary>
    public static PosTagMap Build(string tokenizerPath) => Build(Tokenizer.FromFile(tokenizerPath), Sha256Of(tokenizerPath));

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>The map of the model folder's tokenizer.json: read from the cache beside it when the cache is of this
    /// tokenizer and tagger, else built and written there (or, when <paramref name="modelFolder"/> cannot be written,
    /// into <paramref name="fallbackFolder"/> when given).</summary>
    public static PosTagMap ForModel(string modelFolder, string? fallbackFolder = null)
    {
        var tokenizerPath = Path.Combine(modelFolder, "tokenizer.json");
        if (!File.Exists(tokenizerPath))
            throw new Core.AttributionException($"reagent replacer pos tags the vocabulary of {tokenizerPath}, which does not exist");
        var sha = Sha256Of(tokenizerPath);
        foreach (var folder in new[] { modelFolder, fallbackFolder }.OfType<string>())
            if (TryRead(Path.Combine(folder, FileName), sha) is { } cached) return cached;
        var map = Build(Tokenizer.FromFile(tokenizerPath), sha);
        foreach (var folder in new[] { modelFolder, fallbackFolder }.OfType<string>())
        {
            try
            {
                map.Save(Path.Combine(folder, FileName));
                break;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A read-only model folder: try the next place; the map is in memory either way.
            }
        }

        return map;
    }

    /// <summary>Writes the map as JSON to <paramref name="path"/> through a temporary file, so a reader never sees half a file.</summary>
    public void Save(string path)
    {
        var document = new CachedMap(TokenizerSha256, TaggerSha256, Tags.ToArray());
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(document));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The cached map in <paramref name="path"/> when it is of this tokenizer and tagger; null otherwise.</summary>
    public static PosTagMap? TryRead(string path, string tokenizerSha256)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var cached = JsonSerializer.Deserialize<CachedMap>(File.ReadAllText(path));
            return cached is not null && cached.TokenizerSha256 == tokenizerSha256 && cached.TaggerSha256 == AveragedPerceptronTagger.Shared.SourceSha256
                ? new PosTagMap(cached.Tags, cached.TokenizerSha256, cached.TaggerSha256)
                : null;
        }
        catch (JsonException)
        {
            return null; // a damaged cache is rebuilt
        }
    }

    private sealed record CachedMap(string TokenizerSha256, string TaggerSha256, string[] Tags);
}
