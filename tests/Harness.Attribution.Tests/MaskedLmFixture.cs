using System.Text.Json;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Models.Architectures.Roberta;
using Harness.Models.Tokenization;

namespace Harness.Attribution.Tests;

/// <summary>The tiny RoBERTa of ../shared/fixtures/hf-parity/roberta (vocabulary 97, no tokenizer.json)
/// with made-up word-level tokenizers, so the masked LM and the attributed model share words in a
/// controlled way: model token i is the word "w{i}"; masked-LM ids 0..4 are &lt;s&gt;, &lt;pad&gt;,
/// &lt;/s&gt;, &lt;unk&gt;, &lt;mask&gt;, and masked-LM id j &gt;= 5 is the word of model token
/// <see cref="ModelTokenOf"/>(j), so words w92..w96 are unknown to the masked LM.</summary>
public static class MaskedLmFixture
{
    public const int VocabSize = 97;
    public const int SpecialTokens = 5;

    public static string Directory => SharedFolder.Combine("fixtures", "hf-parity", "roberta");

    /// <summary>The model token whose word masked-LM id j (&gt;= 5) stands for: a permutation of 0..91.</summary>
    public static long ModelTokenOf(long maskedLmId) => (maskedLmId - SpecialTokens) * 5 % (VocabSize - SpecialTokens);

    /// <summary>The attributed model's tokenizer: word "w{i}" is token i, split on whitespace.</summary>
    public static Tokenizer ModelTokenizer(string prefix = "w") =>
        WordLevel(Enumerable.Range(0, VocabSize).Select(i => $"{prefix}{i}").ToArray(), $"{prefix}0");

    public static Tokenizer MaskedLmTokenizer()
    {
        var words = new[] { "<s>", "<pad>", "</s>", "<unk>", "<mask>" }
            .Concat(Enumerable.Range(SpecialTokens, VocabSize - SpecialTokens).Select(j => $"w{ModelTokenOf(j)}")).ToArray();
        return WordLevel(words, "<unk>", special: words[..SpecialTokens]);
    }

    public static IMaskedLanguageModel LoadModel() => RobertaMaskedLm.Load(Directory);

    /// <summary>The masked LM with its tokenizer and the model's (whose word prefix a test may change
    /// to make every proposal unmappable); the caller disposes the model.</summary>
    public static MaskedLmReplacerModel Resource(IMaskedLanguageModel model, string modelWordPrefix = "w") =>
        new(model, MaskedLmTokenizer(), ModelTokenizer(modelWordPrefix));

    /// <summary>The context "w5 w17 ..." with each token's span.</summary>
    public static ContextText TextOf(IReadOnlyList<long> context)
    {
        var words = context.Select(id => $"w{id}").ToArray();
        var offsets = new List<Range>();
        var position = 0;
        foreach (var word in words)
        {
            offsets.Add(position..(position + word.Length));
            position += word.Length + 1;
        }

        return new ContextText(string.Join(' ', words), offsets);
    }

    private static Tokenizer WordLevel(string[] words, string unknown, string[]? special = null) =>
        TokenizerJsonLoader.LoadJson(System.Text.Encoding.UTF8.GetBytes(WordLevelTokenizerJson.Json(words, unknown, special)), "word-level test tokenizer");
}
