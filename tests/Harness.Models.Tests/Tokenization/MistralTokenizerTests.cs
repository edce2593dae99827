using Harness.Models.Tokenization;

namespace Harness.Models.Tests.Tokenization;

/// <summary>Mistral-7B v0.1 (the Llama 2 pipeline with another vocabulary) against the Rust tokenizers library on ../shared/fixtures/tokenizers/mistral.</summary>
[TestFixture]
[Fast]
public sealed class MistralTokenizerTests
{
    private Tokenizer? tokenizer;

    public static IEnumerable<TestCaseData> Cases() => TokenizerFixtures.Cases("mistral");

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
    public void Hello_world_gives_the_published_mistral_ids()
    {
        Assert.That(Load().Encode("Hello world", addSpecialTokens: true).Ids, Is.EqualTo(new[] { 1, 22557, 1526 }));
    }

    private Tokenizer Load() => tokenizer ??= TokenizerFixtures.Load("mistral");
}
