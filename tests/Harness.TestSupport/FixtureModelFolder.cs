using System.Text.Json.Nodes;
using Harness.Data.Synthetic;

namespace Harness.TestSupport;

/// <summary>A fixture's weights (vocabulary 97) with a word-level tokenizer over the first words of the
/// synthetic vocabulary, in a temporary folder: a model the runner can load, tokenize text for and run
/// fast. Unknown words map to &lt;unk&gt; (id 0). <see cref="Path"/> is the GPT-2 fixture (64 learned
/// positions); <see cref="LlamaPath"/> the Llama fixture (rotary positions, so prompts of any length run:
/// long-context datasets such as HotpotQA), its config's max_position_embeddings raised to 4096.</summary>
public static class FixtureModelFolder
{
    private static readonly Lazy<string> Gpt2 = new(() => Create("gpt2", "harness-experiments-model"));

    private static readonly Lazy<string> Llama = new(() => Create("llama", "harness-experiments-llama"));

    public static string Path => Gpt2.Value;

    public static string LlamaPath => Llama.Value;

    private static string Create(string fixture, string name)
    {
        var folder = ProcessTemporaryFolder.Create(name);
        foreach (var file in new[] { "config.json", "model.safetensors", "generation_config.json" })
            File.Copy(SharedFolder.Combine("fixtures", "hf-parity", fixture, file), System.IO.Path.Combine(folder, file), overwrite: true);
        if (fixture == "llama")
        {
            var configPath = System.IO.Path.Combine(folder, "config.json");
            var config = JsonNode.Parse(File.ReadAllText(configPath))!;
            config["max_position_embeddings"] = 4096;
            File.WriteAllText(configPath, config.ToJsonString());
        }
        var vocabulary = new Dictionary<string, int> { ["<unk>"] = 0 };
        foreach (var word in SyntheticVocabulary.Punctuation.Concat(SyntheticVocabulary.Words))
            if (vocabulary.Count < 97) vocabulary.TryAdd(word, vocabulary.Count);
        File.WriteAllText(System.IO.Path.Combine(folder, "tokenizer.json"),
            WordLevelTokenizerJson.Json(vocabulary.OrderBy(v => v.Value).Select(v => v.Key).ToList(), "<unk>", ["<unk>"], preTokenizer: "Whitespace"));
        return folder;
    }
}
