using Harness.Data.Synthetic;

namespace Harness.TestSupport;

/// <summary>The GPT-2 fixture's weights (vocabulary 97) with a word-level tokenizer over the first words
/// of the synthetic vocabulary, in a temporary folder: a model the runner can load, tokenize text for
/// and run fast. Unknown words map to &lt;unk&gt; (id 0).</summary>
public static class FixtureModelFolder
{
    private static readonly Lazy<string> Folder = new(Create);

    public static string Path => Folder.Value;

    private static string Create()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"harness-experiments-model-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "config.json", "model.safetensors", "generation_config.json" })
            File.Copy(SharedFolder.Combine("fixtures", "hf-parity", "gpt2", file), System.IO.Path.Combine(folder, file), overwrite: true);
        var vocabulary = new Dictionary<string, int> { ["<unk>"] = 0 };
        foreach (var word in SyntheticVocabulary.Punctuation.Concat(SyntheticVocabulary.Words))
            if (vocabulary.Count < 97) vocabulary.TryAdd(word, vocabulary.Count);
        File.WriteAllText(System.IO.Path.Combine(folder, "tokenizer.json"),
            WordLevelTokenizerJson.Json(vocabulary.OrderBy(v => v.Value).Select(v => v.Key).ToList(), "<unk>", ["<unk>"], preTokenizer: "Whitespace"));
        return folder;
    }
}
