using Harness.Models.Tokenization;

namespace Harness.Models.Tests.Tokenization;

/// <summary>Qwen3 (NFC normalizer, Split regex with single digits, merges as pairs, non-special added tokens) against the Rust tokenizers library on ../shared/fixtures/tokenizers/qwen3.</summary>
[TestFixture]
[Fast]
public sealed class Qwen3TokenizerTests
{
    private Tokenizer? tokenizer;

    public static IEnumerable<TestCaseData> Cases() => TokenizerFixtures.Cases("qwen3");

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
    public void Think_tags_are_added_tokens_that_are_not_special()
    {
        var t = Load();
        var encoding = t.Encode("<think>x</think>", addSpecialTokens: true);
        Assert.Multiple(() =>
        {
            Assert.That(encoding.Ids, Is.EqualTo(new[] { 151667, 87, 151668 }));
            Assert.That(t.IsSpecialToken(151667), Is.False);
            Assert.That(t.IsSpecialToken(151644), Is.True);
            Assert.That(t.Decode(encoding.Ids, skipSpecialTokens: true), Is.EqualTo("<think>x</think>"));
            Assert.That(t.VocabSize, Is.EqualTo(151669));
        });
    }

    private Tokenizer Load() => tokenizer ??= TokenizerFixtures.Load("qwen3");
}
