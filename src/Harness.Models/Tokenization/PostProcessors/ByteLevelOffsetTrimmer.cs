namespace Harness.Models.Tokenization.PostProcessors;

/// <summary>
/// Moves token offsets past leading/trailing spaces ('Ġ' or whitespace in the token string),
/// keeping a first token's single added prefix space (Rust <c>byte_level::process_offsets</c>).
/// The reference counts in characters, so offsets move by code points of the original text.
/// </summary>
internal static class ByteLevelOffsetTrimmer
{
    public static Encoding Trim(Encoding encoding, bool addPrefixSpace)
    {
        string text = encoding.Text;
        var tokens = new Token[encoding.Count];
        for (int i = 0; i < tokens.Length; i++)
        {
            Token token = encoding.Tokens[i];
            int start = token.Start, end = token.End;
            string value = token.Text;
            int leading = 0;
            while (leading < value.Length && IsSpace(value[leading])) leading++;
            int trailing = 0;
            while (trailing < value.Length && IsSpace(value[value.Length - 1 - trailing])) trailing++;

            if (leading > 0)
            {
                bool isFirst = i == 0 || start == 0;
                if (isFirst && addPrefixSpace && leading == 1) leading = 0;
                start = Math.Min(Forward(text, start, leading), end);
            }
            if (trailing > 0 && TryBack(text, end, trailing, out int newEnd)) end = Math.Max(newEnd, start);
            tokens[i] = token with { Offsets = start..end };
        }
        return new Encoding(text, tokens, encoding.SpecialTokensMask, encoding.TypeIds);
    }

    private static bool IsSpace(char c) => c == ByteLevelAlphabet.ByteToChar((byte)' ') || char.IsWhiteSpace(c);

    /// <summary><paramref name="count"/> code points after <paramref name="index"/> (the reference adds characters; the end of the text bounds it).</summary>
    private static int Forward(string text, int index, int count)
    {
        for (int k = 0; k < count; k++)
        {
            if (index >= text.Length) return index + (count - k);
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        }
        return index;
    }

    /// <summary><paramref name="count"/> code points before <paramref name="index"/>, if there are that many.</summary>
    private static bool TryBack(string text, int index, int count, out int result)
    {
        result = index;
        for (int k = 0; k < count; k++)
        {
            if (result <= 0) return false;
            result -= result >= 2 && char.IsLowSurrogate(text[result - 1]) && char.IsHighSurrogate(text[result - 2]) ? 2 : 1;
        }
        return true;
    }
}
