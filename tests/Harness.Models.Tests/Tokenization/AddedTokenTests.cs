using Harness.Models.Tokenization;

namespace Harness.Models.Tests.Tokenization;

/// <summary>
/// Added tokens: ids assigned as the reference does (not read from the file), lstrip/rstrip,
/// single_word, normalized matching. Expected values come from the Rust tokenizers library 0.22.2
/// (@anush008/tokenizers 0.6.0) run on this same JSON.
/// </summary>
[TestFixture]
[Fast]
public sealed class AddedTokenTests
{
    private const string Json = """
        {
          "version": "1.0",
          "added_tokens": [
            {"id": 100, "content": "<mask>", "single_word": false, "lstrip": true, "rstrip": false, "normalized": false, "special": true},
            {"id": 100, "content": "[SEP]", "single_word": false, "lstrip": true, "rstrip": true, "normalized": false, "special": true},
            {"id": 57, "content": "world", "single_word": false, "lstrip": false, "rstrip": false, "normalized": true, "special": false},
            {"id": 9, "content": "xx", "single_word": true, "lstrip": false, "rstrip": false, "normalized": false, "special": false},
            {"id": 11, "content": "XX", "single_word": false, "lstrip": false, "rstrip": false, "normalized": true, "special": false}
          ],
          "normalizer": {"type": "Lowercase"},
          "pre_tokenizer": {"type": "Whitespace"},
          "model": {"type": "WordLevel", "vocab": {"[UNK]": 0, "hello": 1, "world": 2, "a": 3, "b": 4}, "unk_token": "[UNK]"},
          "post_processor": null,
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
    public void Ids_come_from_the_model_vocabulary_or_follow_it_whatever_the_file_says()
    {
        Assert.Multiple(() =>
        {
            Assert.That(tokenizer.TokenToId("<mask>"), Is.EqualTo(5));
            Assert.That(tokenizer.TokenToId("[SEP]"), Is.EqualTo(6));
            Assert.That(tokenizer.TokenToId("world"), Is.EqualTo(2));
            Assert.That(tokenizer.TokenToId("xx"), Is.EqualTo(7));
            Assert.That(tokenizer.TokenToId("XX"), Is.EqualTo(8));
            Assert.That(tokenizer.VocabSize, Is.EqualTo(9));
        });
    }

    [TestCase("Hello   <mask> WORLD", new[] { 1, 5, 2 }, new[] { "hello", "   <mask>", "world" }, new[] { 0, 5, 5, 14, 15, 20 })]
    [TestCase("a [SEP]  b", new[] { 3, 6, 4 }, new[] { "a", " [SEP]  ", "b" }, new[] { 0, 1, 1, 9, 9, 10 })]
    [TestCase("xx xxx axx xx!", new[] { 7, 8, 0, 3, 8, 7, 0 }, new[] { "xx", "xx", "[UNK]", "a", "xx", "xx", "[UNK]" }, new[] { 0, 2, 3, 5, 5, 6, 7, 8, 8, 10, 11, 13, 13, 14 })]
    [TestCase("XX HelloXX", new[] { 8, 1, 8 }, new[] { "xx", "hello", "xx" }, new[] { 0, 2, 3, 8, 8, 10 })]
    public void Matches_like_the_reference(string text, int[] ids, string[] tokens, int[] offsets)
    {
        var encoding = tokenizer.Encode(text, addSpecialTokens: false);
        Assert.Multiple(() =>
        {
            Assert.That(encoding.Ids, Is.EqualTo(ids));
            Assert.That(encoding.Tokens.Select(t => t.Text), Is.EqualTo(tokens));
            Assert.That(encoding.Tokens.SelectMany(t => new[] { t.Start, t.End }), Is.EqualTo(offsets));
        });
    }

    [Test]
    public void Skipping_special_tokens_keeps_the_non_special_added_ones()
        => Assert.That(tokenizer.Decode([7, 8, 0, 3, 5, 6], skipSpecialTokens: true), Is.EqualTo("xx XX [UNK] a"));
}
