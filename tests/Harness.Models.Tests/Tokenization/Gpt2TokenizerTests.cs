using Harness.Models.Tokenization;

namespace Harness.Models.Tests.Tokenization;

/// <summary>GPT-2 (byte-level BPE, GPT-2 regex, &lt;|endoftext|&gt; with normalized: true) against the Rust tokenizers library on ../shared/fixtures/tokenizers/gpt2.</summary>
[TestFixture]
[Fast]
public sealed class Gpt2TokenizerTests
{
    private Tokenizer? tokenizer;

    public static IEnumerable<TestCaseData> Cases() => TokenizerFixtures.Cases("gpt2");

    [TestCaseSource(nameof(Cases))]
    public void Encoding_without_special_tokens_matches_the_reference(TokenizerCase c)
        => TokenizerParityAssert.Encodes(Load(), c, addSpecialTokens: false);

    [TestCaseSource(nameof(Cases))]
    public void Encoding_with_special_tokens_matches_the_reference(TokenizerCase c)
        => TokenizerParityAssert.Encodes(Load(), c, addSpecialTokens: true);

    [TestCaseSource(nameof(Cases))]
    public void Decoding_matches_the_reference(TokenizerCase c)
        => TokenizerParityAssert.Decodes(Load(), c);

    [Test]
    public void Vocabulary_and_special_token_are_those_of_gpt2()
    {
        var t = Load();
        Assert.Multiple(() =>
        {
            Assert.That(t.VocabSize, Is.EqualTo(50257));
            Assert.That(t.TokenToId("<|endoftext|>"), Is.EqualTo(50256));
            Assert.That(t.IdToToken(50256), Is.EqualTo("<|endoftext|>"));
            Assert.That(t.SpecialTokens.Select(s => s.Content), Is.EqualTo(new[] { "<|endoftext|>" }));
            Assert.That(t.IsSpecialToken(50256), Is.True);
            Assert.That(t.IdToToken(50257), Is.Null);
        });
    }

    private Tokenizer Load() => tokenizer ??= TokenizerFixtures.Load("gpt2");
}
