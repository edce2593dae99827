using Harness.Models.Tokenization;

namespace Harness.Models.Tests.Tokenization;

/// <summary>A small WordLevel tokenizer written by the test: lower-casing, whitespace pre-tokenization, a [CLS] $A [SEP] template.</summary>
[TestFixture]
[Fast]
public sealed class WordLevelTokenizerTests
{
    private const string Json = """
        {
          "version": "1.0",
          "added_tokens": [
            {"id": 0, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
            {"id": 1, "content": "[CLS]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
            {"id": 2, "content": "[SEP]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
          ],
          "normalizer": {"type": "Lowercase"},
          "pre_tokenizer": {"type": "Whitespace"},
          "model": {"type": "WordLevel", "vocab": {"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "hello": 3, "world": 4, "!": 5, "!!": 6}, "unk_token": "[UNK]"},
          "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [],
            "special_tokens": {
              "[CLS]": {"id": "[CLS]", "ids": [1], "tokens": ["[CLS]"]},
              "[SEP]": {"id": "[SEP]", "ids": [2], "tokens": ["[SEP]"]}
            }
          },
          "decoder": null
        }
        """;

    private TemporaryTokenizerFile file = null!;
    private Tokenizer tokenizer = null!;

    [OneTimeSetUp]
    public void WriteAndLoad()
    {
        file = new TemporaryTokenizerFile(Json);
        tokenizer = Tokenizer.FromFile(file.Path);
    }

    [OneTimeTearDown]
    public void Delete() => file.Dispose();

    [Test]
    public void Words_are_looked_up_whole_and_unknown_words_become_unk()
    {
        var encoding = tokenizer.Encode("Hello  WORLD!! Goodbye", addSpecialTokens: false);
        Assert.Multiple(() =>
        {
            Assert.That(encoding.Ids, Is.EqualTo(new[] { 3, 4, 6, 0 }));
            Assert.That(encoding.Tokens.Select(t => t.Text), Is.EqualTo(new[] { "hello", "world", "!!", "[UNK]" }));
            Assert.That(encoding.Tokens.Select(t => (t.Start, t.End)), Is.EqualTo(new[] { (0, 5), (7, 12), (12, 14), (15, 22) }));
            Assert.That(encoding.SpecialTokensMask, Is.EqualTo(new[] { 0, 0, 0, 0 }));
        });
    }

    [Test]
    public void Template_adds_cls_and_sep_only_with_special_tokens()
    {
        var encoding = tokenizer.Encode("hello", addSpecialTokens: true);
        Assert.Multiple(() =>
        {
            Assert.That(encoding.Ids, Is.EqualTo(new[] { 1, 3, 2 }));
            Assert.That(encoding.SpecialTokensMask, Is.EqualTo(new[] { 1, 0, 1 }));
            Assert.That(encoding.Tokens.Select(t => t.Offsets), Is.EqualTo(new[] { 0..0, 0..5, 0..0 }));
        });
    }

    [Test]
    public void Special_tokens_in_the_text_are_matched_but_not_masked()
    {
        var encoding = tokenizer.Encode("[CLS]hello", addSpecialTokens: false);
        Assert.Multiple(() =>
        {
            Assert.That(encoding.Ids, Is.EqualTo(new[] { 1, 3 }));
            Assert.That(encoding.Tokens.Select(t => (t.Start, t.End)), Is.EqualTo(new[] { (0, 5), (5, 10) }));
            Assert.That(encoding.SpecialTokensMask, Is.EqualTo(new[] { 0, 0 }));
        });
    }

    [Test]
    public void Decoding_without_a_decoder_joins_tokens_with_spaces()
    {
        Assert.Multiple(() =>
        {
            Assert.That(tokenizer.Decode([1, 3, 4, 5, 2], skipSpecialTokens: false), Is.EqualTo("[CLS] hello world ! [SEP]"));
            Assert.That(tokenizer.Decode([1, 3, 4, 5, 2], skipSpecialTokens: true), Is.EqualTo("hello world !"));
            Assert.That(tokenizer.Decode([3, 99], skipSpecialTokens: false), Is.EqualTo("hello"));
        });
    }

    [Test]
    public void Vocabulary_lookups()
    {
        Assert.Multiple(() =>
        {
            Assert.That(tokenizer.VocabSize, Is.EqualTo(7));
            Assert.That(tokenizer.TokenToId("world"), Is.EqualTo(4));
            Assert.That(tokenizer.TokenToId("World"), Is.Null);
            Assert.That(tokenizer.IdToToken(6), Is.EqualTo("!!"));
            Assert.That(tokenizer.SpecialTokens.Select(t => t.Content), Is.EqualTo(new[] { "[UNK]", "[CLS]", "[SEP]" }));
        });
    }
}
