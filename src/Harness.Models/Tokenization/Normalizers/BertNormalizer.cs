using System.Globalization;
using System.Text;

namespace Harness.Models.Tokenization.Normalizers;

/// <summary>
/// BERT's text cleaning: drop controls, map whitespace to ' ', pad CJK ideographs with spaces,
/// strip accents (NFD then remove Mn) and lower-case; tokenizer.json type <c>BertNormalizer</c>.
/// </summary>
internal sealed class BertNormalizer(bool cleanText, bool handleChineseChars, bool? stripAccents, bool lowercase) : Normalizer
{
    /// <summary>Whether control characters are removed and whitespace becomes ' '.</summary>
    public bool CleanText { get; } = cleanText;

    /// <summary>Whether CJK ideographs are surrounded by spaces.</summary>
    public bool HandleChineseChars { get; } = handleChineseChars;

    /// <summary>Whether accents are stripped; null follows <see cref="Lowercase"/> (as the reference does).</summary>
    public bool? StripAccents { get; } = stripAccents;

    /// <summary>Whether text is lower-cased.</summary>
    public bool Lowercase { get; } = lowercase;

    /// <inheritdoc />
    public override NormalizedString Normalize(NormalizedString input)
    {
        if (CleanText)
        {
            input = input.Filter(c => !(c == 0 || c == 0xFFFD || IsControl(c)));
            input = input.MapCharacters(c => IsWhitespace(c) ? " " : char.ConvertFromUtf32(c));
        }
        if (HandleChineseChars) input = PadChineseCharacters(input);
        if (StripAccents ?? Lowercase)
        {
            input = UnicodeNormalization.Apply(input, compose: false, compatibility: false);
            input = input.Filter(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark);
        }
        if (Lowercase) input = input.MapCharacters(LowercaseNormalizer.ToLower);
        return input;
    }

    private static NormalizedString PadChineseCharacters(NormalizedString input)
    {
        ReadOnlySpan<char> span = input.Span;
        var changes = new List<(int CodePoint, int Change)>(span.Length);
        bool any = false;
        foreach (Rune rune in span.EnumerateRunes())
        {
            if (IsChineseCharacter(rune.Value))
            {
                changes.Add((' ', 0));
                changes.Add((rune.Value, 1));
                changes.Add((' ', 1));
                any = true;
            }
            else
            {
                changes.Add((rune.Value, 0));
            }
        }
        return any ? input.Transform(changes, 0) : input;
    }

    // Source: Hugging Face tokenizers normalizers/bert.rs (is_whitespace, is_control, is_chinese_char).
    private static bool IsWhitespace(int c) => c is '\t' or '\n' or '\r' || (c <= 0xFFFF && char.IsWhiteSpace((char)c));

    private static bool IsControl(int c)
    {
        if (c is '\t' or '\n' or '\r') return false;
        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate;
    }

    private static bool IsChineseCharacter(int c) => c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF)
        or (>= 0x20000 and <= 0x2A6DF) or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F)
        or (>= 0x2B920 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
