using Harness.Models.Tokenization;

namespace Harness.Models.Tests.Tokenization;

/// <summary>Llama 2 (SentencePiece-style BPE with byte fallback, Prepend/Replace normalizer, BOS template) against the Rust tokenizers library on ../shared/fixtures/tokenizers/llama2.</summary>
[TestFixture]
[Fast]
public sealed class Llama2TokenizerTests
{
    private Tokenizer? tokenizer;

    public static IEnumerable<TestCaseData> Cases() => TokenizerFixtures.Cases("llama2");

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
    public void Special_tokens_are_unk_bos_eos()
    {
        var t = Load();
        Assert.Multiple(() =>
        {
            Assert.That(t.VocabSize, Is.EqualTo(32000));
            Assert.That(t.SpecialTokens.Select(s => (s.Id, s.Content)), Is.EqualTo(new[] { (0, "<unk>"), (1, "<s>"), (2, "</s>") }));
            Assert.That(t.TokenToId("<0x0A>"), Is.EqualTo(13));
        });
    }

    private Tokenizer Load() => tokenizer ??= TokenizerFixtures.Load("llama2");
}
