using System.IO.Compression;
using System.Text.Json;
using Harness.Models;

namespace Harness.Attribution.Methods;

/// <summary>
/// nltk's English part-of-speech tagger (nltk 3.8 nltk/tag/perceptron.py, PerceptronTagger.tag and
/// AveragedPerceptron.predict; Penn Treebank tags) with nltk_data's trained weights (Matthew Honnibal's averaged
/// perceptron, textblob-aptagger), converted once by convert_nltk_tagger.py into averaged_perceptron_tagger.json.gz
/// and embedded in this assembly. A word in the tag dictionary takes its tag; any other is scored by the weights of
/// its features, summed in nltk's order (feature order, then each feature's weights in the pickle's order) so that
/// near ties round as nltk's do, the highest score winning and ties going to the alphabetically last tag.
/// </summary>
public sealed class AveragedPerceptronTagger
{
    private const string Resource = "Harness.Attribution.averaged_perceptron_tagger.json.gz";
    private static readonly Lazy<AveragedPerceptronTagger> English = new(Load);

    private readonly string[] classes;
    private readonly Dictionary<string, string> tagDictionary;
    private readonly Dictionary<string, (int Tag, double Weight)[]> weights;

    private AveragedPerceptronTagger(string[] classes, Dictionary<string, string> tagDictionary, Dictionary<string, (int, double)[]> weights)
    {
        this.classes = classes;
        this.tagDictionary = tagDictionary;
        this.weights = weights;
    }

    /// <summary>The tagger with nltk's English weights, loaded once.</summary>
    public static AveragedPerceptronTagger Shared => English.Value;

    /// <summary>The SHA-256 of the nltk pickle the weights come from (recorded in every tag map).</summary>
    public string SourceSha256 { get; private init; } = "";

    private static readonly string[] Start = ["-START-", "-START2-"];
    private static readonly string[] End = ["-END-", "-END2-"];

    /// <summary>PerceptronTagger.tag: one Penn Treebank tag per token, each seeing the two tags before it.</summary>
    public string[] Tag(IReadOnlyList<string> tokens)
    {
        var context = Start.Concat(tokens.Select(Normalize)).Concat(End).ToArray();
        var (previous, previous2) = (Start[0], Start[1]);
        var tags = new string[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i];
            if (!tagDictionary.TryGetValue(word, out var tag) || tag.Length == 0)
                tag = Predict(Features(i + Start.Length, word, context, previous, previous2));
            tags[i] = tag;
            (previous2, previous) = (previous, tag);
        }

        return tags;
    }

    /// <summary>PerceptronTagger.normalize.</summary>
    private static string Normalize(string word)
    {
        if (word.Contains('-') && word[0] != '-') return "!HYPHEN";
        if (PythonText.IsDigit(word) && PythonText.Runes(word).Count == 4) return "!YEAR";
        if (word.Length > 0 && PythonText.IsDigit(PythonText.Runes(word)[0])) return "!DIGITS";
        return word.ToLowerInvariant();
    }

    /// <summary>PerceptronTagger._get_features, in its order; a key added twice counts twice.</summary>
    private static List<(string Key, int Count)> Features(int i, string word, string[] context, string previous, string previous2)
    {
        var features = new List<(string Key, int Count)>(14);
        void Add(params string[] parts)
        {
            var key = string.Join(' ', parts);
            var at = features.FindIndex(f => f.Key == key);
            if (at >= 0) features[at] = (key, features[at].Count + 1);
            else features.Add((key, 1));
        }

        Add("bias");
        Add("i suffix", PythonText.Last(word, 3));
        Add("i pref1", word.Length > 0 ? PythonText.Runes(word)[0].ToString() : "");
        Add("i-1 tag", previous);
        Add("i-2 tag", previous2);
        Add("i tag+i-2 tag", previous, previous2);
        Add("i word", context[i]);
        Add("i-1 tag+i word", previous, context[i]);
        Add("i-1 word", context[i - 1]);
        Add("i-1 suffix", PythonText.Last(context[i - 1], 3));
        Add("i-2 word", context[i - 2]);
        Add("i+1 word", context[i + 1]);
        Add("i+1 suffix", PythonText.Last(context[i + 1], 3));
        Add("i+2 word", context[i + 2]);
        return features;
    }

    /// <summary>AveragedPerceptron.predict: max over the classes of (score, tag).</summary>
    private string Predict(List<(string Key, int Count)> features)
    {
        var scores = new double[classes.Length];
        foreach (var (key, count) in features)
        {
            if (!weights.TryGetValue(key, out var byTag)) continue;
            foreach (var (tag, weight) in byTag) scores[tag] += count * weight;
        }

        var best = 0;
        for (var c = 1; c < classes.Length; c++)
            if (scores[c] > scores[best] || (scores[c] == scores[best] && string.CompareOrdinal(classes[c], classes[best]) > 0)) best = c;
        return classes[best];
    }

    private static AveragedPerceptronTagger Load()
    {
        using var stream = typeof(AveragedPerceptronTagger).Assembly.GetManifestResourceStream(Resource)
                           ?? throw new InvalidOperationException($"the tagger's weights ({Resource}) are not embedded in {typeof(AveragedPerceptronTagger).Assembly.GetName().Name}");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        var root = document.RootElement;
        var classes = root.GetProperty("classes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var tagDictionary = root.GetProperty("tagdict").EnumerateArray().ToDictionary(p => p[0].GetString()!, p => p[1].GetString()!, StringComparer.Ordinal);
        var weights = new Dictionary<string, (int, double)[]>(StringComparer.Ordinal);
        foreach (var feature in root.GetProperty("weights").EnumerateArray())
            weights[feature[0].GetString()!] = feature[1].EnumerateArray().Select(p => (index[p[0].GetString()!], p[1].GetDouble())).ToArray();
        return new AveragedPerceptronTagger(classes, tagDictionary, weights) { SourceSha256 = root.GetProperty("source_sha256").GetString()! };
    }
}
