using Harness.Models.Tokenization;

namespace Harness.Models.Tests.Tokenization;

/// <summary>Compares our encodings and decodes with a fixture case: ids, token strings, UTF-16 offsets, special-tokens mask, decoded text.</summary>
public static class TokenizerParityAssert
{
    /// <summary>Encode(text, addSpecialTokens) equals the reference encoding.</summary>
    public static void Encodes(Tokenizer tokenizer, TokenizerCase c, bool addSpecialTokens)
    {
        FailIfUnusable(c);
        var expected = (addSpecialTokens ? c.WithSpecialTokens : c.WithoutSpecialTokens)!;
        var actual = tokenizer.Encode(c.Text, addSpecialTokens);
        Assert.Multiple(() =>
        {
            Assert.That(actual.Ids, Is.EqualTo(expected.Ids), "ids");
            Assert.That(actual.Tokens.Select(t => t.Text), Is.EqualTo(expected.Tokens), "token strings");
            Assert.That(actual.Tokens.Select(t => (t.Start, t.End)), Is.EqualTo(expected.OffsetsUtf16), "offsets (UTF-16)");
            Assert.That(actual.SpecialTokensMask, Is.EqualTo(expected.SpecialTokensMask), "special_tokens_mask");
        });
    }

    /// <summary>Decode of both reference id lists, keeping and skipping special tokens, equals the reference text.</summary>
    public static void Decodes(Tokenizer tokenizer, TokenizerCase c)
    {
        FailIfUnusable(c);
        var withoutSpecial = c.WithoutSpecialTokens!.Ids;
        var withSpecial = c.WithSpecialTokens!.Ids;
        var expected = c.Decodes!;
        Assert.Multiple(() =>
        {
            Assert.That(tokenizer.Decode(withoutSpecial, skipSpecialTokens: false), Is.EqualTo(expected.NoSpecialIdsKeepSpecial), "ids without special tokens, skip_special_tokens=false");
            Assert.That(tokenizer.Decode(withoutSpecial, skipSpecialTokens: true), Is.EqualTo(expected.NoSpecialIdsSkipSpecial), "ids without special tokens, skip_special_tokens=true");
            Assert.That(tokenizer.Decode(withSpecial, skipSpecialTokens: false), Is.EqualTo(expected.WithSpecialIdsKeepSpecial), "ids with special tokens, skip_special_tokens=false");
            Assert.That(tokenizer.Decode(withSpecial, skipSpecialTokens: true), Is.EqualTo(expected.WithSpecialIdsSkipSpecial), "ids with special tokens, skip_special_tokens=true");
        });
    }

    private static void FailIfUnusable(TokenizerCase c)
    {
        if (c.Problem is not null) Assert.Fail(c.Problem);
    }
}
