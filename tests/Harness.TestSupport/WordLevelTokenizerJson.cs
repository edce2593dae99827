using System.Text.Json;

namespace Harness.TestSupport;

/// <summary>A tokenizer.json of Hugging Face's format for a word-level vocabulary (id = index in the
/// list), as the tests build for fixture models that ship without a tokenizer.</summary>
public static class WordLevelTokenizerJson
{
    /// <param name="special">Words of the vocabulary that are special added tokens.</param>
    /// <param name="preTokenizer">"WhitespaceSplit" (split on spaces only) or "Whitespace" (also splits off punctuation).</param>
    public static string Json(IReadOnlyList<string> words, string unknown, IReadOnlyList<string>? special = null, string preTokenizer = "WhitespaceSplit")
    {
        var index = words.Select((w, i) => (w, i)).ToList();
        var tokenizer = new Dictionary<string, object?>
        {
            ["version"] = "1.0",
            ["added_tokens"] = (special ?? []).Select(w => new Dictionary<string, object>
            {
                ["id"] = index.First(x => x.w == w).i, ["content"] = w, ["single_word"] = false, ["lstrip"] = false,
                ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
            }).ToArray(),
            ["normalizer"] = null,
            ["pre_tokenizer"] = new Dictionary<string, object> { ["type"] = preTokenizer },
            ["post_processor"] = null,
            ["decoder"] = null,
            ["model"] = new Dictionary<string, object>
            {
                ["type"] = "WordLevel",
                ["vocab"] = index.ToDictionary(x => x.w, x => x.i),
                ["unk_token"] = unknown,
            },
        };
        return JsonSerializer.Serialize(tokenizer);
    }
}
