using System.Globalization;

namespace Harness.Models.Tokenization.PreTokenizers;

/// <summary>BERT's notion of punctuation: ASCII punctuation (symbols included) or any Unicode P* character.</summary>
internal static class PunctuationCharacters
{
    // Source: Hugging Face tokenizers pre_tokenizers/bert.rs is_bert_punc.
    public static bool IsPunctuation(int c)
    {
        if (c < 0x80) return c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');
        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }
}
