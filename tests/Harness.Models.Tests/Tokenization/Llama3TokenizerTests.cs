using Harness.Models.Tokenization;

namespace Harness.Models.Tests.Tokenization;

/// <summary>
/// Llama 3 (byte-level BPE with ignore_merges, Split regex with \p{N}{1,3}) against the Rust
/// tokenizers library, in both layouts: llama3 (ByteLevel post-processor only, no BOS) and
/// llama3_bos (Sequence[ByteLevel, TemplateProcessing] adding &lt;|begin_of_text|&gt;).
/// </summary>
[TestFixture]
[Fast]
public sealed class Llama3TokenizerTests
{
    private readonly Dictionary<string, Tokenizer> tokenizers = [];

    public static IEnumerable<TestCaseData> Cases()
        => TokenizerFixtures.Cases("llama3").Concat(TokenizerFixtures.Cases("llama3_bos"));

    [TestCaseSource(nameof(Cases))]
    public void Encoding_without_special_tokens_matches_the_reference(TokenizerCase c)
        => TokenizerParityAssert.Encodes(Load(c.TokenizerName), c, addSpecialTokens: false);

    [TestCaseSource(nameof(Cases))]
    public void Encoding_with_special_tokens_matches_the_reference(TokenizerCase c)
        => TokenizerParityAssert.Encodes(Load(c.TokenizerName), c, addSpecialTokens: true);

    [TestCaseSource(nameof(Cases))]
    public void Decoding_matches_the_reference(TokenizerCase c)
        => TokenizerParityAssert.Decodes(Load(c.TokenizerName), c);

    [Test]
    public void Only_the_bos_layout_adds_begin_of_text()
    {
        var plain = Load("llama3").Encode("Hi", addSpecialTokens: true);
        var withBos = Load("llama3_bos").Encode("Hi", addSpecialTokens: true);
        Assert.Multiple(() =>
        {
            Assert.That(plain.Ids, Is.EqualTo(new[] { 13347 }));
            Assert.That(withBos.Ids, Is.EqualTo(new[] { 128000, 13347 }));
            Assert.That(withBos.SpecialTokensMask, Is.EqualTo(new[] { 1, 0 }));
            Assert.That(withBos.Tokens[0].Offsets, Is.EqualTo(0..0));
            Assert.That(Load("llama3").VocabSize, Is.EqualTo(128256));
        });
    }

    private Tokenizer Load(string name)
    {
        if (!tokenizers.TryGetValue(name, out var tokenizer))
        {
            tokenizer = TokenizerFixtures.Load(name);
            tokenizers[name] = tokenizer;
        }
        return tokenizer;
    }
}
