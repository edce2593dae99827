using System.Text.Json.Nodes;
using Harness.Models.Tokenization;

namespace Harness.Training;

/// <summary>
/// The tiny models' tokenizer.json, readable by <see cref="TokenizerJsonLoader"/> and by Hugging Face
/// tokenizers: a WordLevel model over <see cref="TinyVocabulary.Tokens"/> with &lt;unk&gt;, the
/// Whitespace pre-tokenizer (so " nashville", a target with its leading space, is one token, and
/// punctuation the generators write apart stays apart), the special tokens as added tokens, and the
/// WordPiece decoder without cleanup, which joins tokens with single spaces: the generators' own
/// spelling. The decoder's file has no post-processor (prompts are encoded as they are, like GPT-2's);
/// the masked LM's has RobertaProcessing, "&lt;bos&gt; $A &lt;eos&gt;", the layout it is trained on.
/// Newlines are whitespace to the pre-tokenizer: a multi-passage prompt reads as one line.
/// </summary>
internal static class TinyTokenizerJson
{
    /// <summary>tokenizer.json's text; <paramref name="maskedLm"/> adds the RoBERTa post-processor.</summary>
    public static string Build(bool maskedLm)
    {
        var vocab = new JsonObject();
        for (var id = 0; id < TinyVocabulary.Tokens.Count; id++) vocab[TinyVocabulary.Tokens[id]] = id;
        var added = new JsonArray();
        for (var id = 0; id < TinyVocabulary.SpecialTokens.Count; id++)
            added.Add(new JsonObject
            {
                ["id"] = id,
                ["content"] = TinyVocabulary.SpecialTokens[id],
                ["single_word"] = false,
                ["lstrip"] = false,
                ["rstrip"] = false,
                ["normalized"] = false,
                ["special"] = true,
            });
        var root = new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = added,
            ["normalizer"] = null,
            ["pre_tokenizer"] = new JsonObject { ["type"] = "Whitespace" },
            ["post_processor"] = maskedLm
                ? new JsonObject
                {
                    ["type"] = "RobertaProcessing",
                    ["sep"] = new JsonArray(TinyVocabulary.Eos, TinyVocabulary.EosId),
                    ["cls"] = new JsonArray(TinyVocabulary.Bos, TinyVocabulary.BosId),
                    ["trim_offsets"] = false,
                    ["add_prefix_space"] = false,
                }
                : null,
            ["decoder"] = new JsonObject { ["type"] = "WordPiece", ["prefix"] = "##", ["cleanup"] = false },
            ["model"] = new JsonObject { ["type"] = "WordLevel", ["vocab"] = vocab, ["unk_token"] = TinyVocabulary.Unk },
        };
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The tokenizer the file describes, built by the harness's own loader.</summary>
    public static Tokenizer Load(bool maskedLm) =>
        TokenizerJsonLoader.LoadJson(System.Text.Encoding.UTF8.GetBytes(Build(maskedLm)), "tiny tokenizer.json");
}
