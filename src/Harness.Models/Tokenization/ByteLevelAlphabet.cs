namespace Harness.Models.Tokenization;

/// <summary>
/// GPT-2's reversible byte-to-character table (<c>bytes_to_unicode</c>): printable bytes stand for
/// themselves, the other 68 bytes for U+0100 onwards, so every byte sequence is visible text.
/// </summary>
internal static class ByteLevelAlphabet
{
    // Source: openai/gpt-2 encoder.py bytes_to_unicode; Hugging Face tokenizers byte_level.rs.
    private static readonly char[] ByteToCharTable = BuildByteToChar();
    private static readonly short[] CharToByteTable = BuildCharToByte();

    /// <summary>The character that stands for <paramref name="value"/>.</summary>
    public static char ByteToChar(byte value) => ByteToCharTable[value];

    /// <summary>The byte <paramref name="c"/> stands for, if it is in the alphabet.</summary>
    public static bool TryCharToByte(char c, out byte value)
    {
        short b = c < CharToByteTable.Length ? CharToByteTable[c] : (short)-1;
        value = (byte)b;
        return b >= 0;
    }

    /// <summary>
    /// Replaces every character by the alphabet characters of its UTF-8 bytes; all of them keep the
    /// character's alignment (Rust: the first byte replaces the character, the others are inserted).
    /// </summary>
    public static NormalizedString Transform(NormalizedString input) => Transform(input, out _);

    /// <summary>
    /// As <see cref="Transform(NormalizedString)"/>, also giving where each input position lands in
    /// the output (<paramref name="positions"/>[i] for input unit i, [Length] = output length), or
    /// null when the input is ASCII and positions do not move.
    /// </summary>
    public static NormalizedString Transform(NormalizedString input, out int[]? positions)
    {
        ReadOnlySpan<char> span = input.Span;
        if (!span.ContainsAnyExceptInRange('\0', '\u007F'))
        {
            // ASCII: one byte per unit, the alignments do not move.
            positions = null;
            string mapped = string.Create(span.Length, input, static (destination, source) =>
            {
                ReadOnlySpan<char> s = source.Span;
                for (int i = 0; i < s.Length; i++) destination[i] = ByteToCharTable[s[i]];
            });
            return input.WithSameLengthText(mapped);
        }

        int length = span.Length;
        int outputLength = 0;
        for (int i = 0; i < length; i++)
        {
            char c = span[i];
            if (c < 0x80) outputLength += 1;
            else if (c < 0x800) outputLength += 2;
            else if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(span[i + 1])) { outputLength += 4; i++; }
            else outputLength += 3; // other BMP characters; a lone surrogate becomes U+FFFD (3 bytes) as in a Rust string
        }

        positions = new int[length + 1];
        var chars = new char[outputLength];
        var starts = new int[outputLength];
        var ends = new int[outputLength];
        int o = 0;
        for (int i = 0; i < length;)
        {
            char c = span[i];
            positions[i] = o;
            var (start, end) = input.AlignmentAt(i);
            if (c < 0x80)
            {
                Put(c);
                i++;
            }
            else if (c < 0x800)
            {
                Put(0xC0 | (c >> 6));
                Put(0x80 | (c & 0x3F));
                i++;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(span[i + 1]))
            {
                int codePoint = char.ConvertToUtf32(c, span[i + 1]);
                positions[i + 1] = o;
                Put(0xF0 | (codePoint >> 18));
                Put(0x80 | ((codePoint >> 12) & 0x3F));
                Put(0x80 | ((codePoint >> 6) & 0x3F));
                Put(0x80 | (codePoint & 0x3F));
                i += 2;
            }
            else
            {
                int codePoint = char.IsSurrogate(c) ? 0xFFFD : c;
                Put(0xE0 | (codePoint >> 12));
                Put(0x80 | ((codePoint >> 6) & 0x3F));
                Put(0x80 | (codePoint & 0x3F));
                i++;
            }

            void Put(int value)
            {
                chars[o] = ByteToCharTable[value];
                starts[o] = start;
                ends[o] = end;
                o++;
            }
        }
        positions[length] = o;
        return new NormalizedString(new string(chars), 0, outputLength, starts, ends, 0);
    }

    private static char[] BuildByteToChar()
    {
        var table = new char[256];
        var printable = new bool[256];
        for (int b = '!'; b <= '~'; b++) printable[b] = true;
        for (int b = 0xA1; b <= 0xAC; b++) printable[b] = true;
        for (int b = 0xAE; b <= 0xFF; b++) printable[b] = true;
        int next = 0;
        for (int b = 0; b < 256; b++)
        {
            table[b] = printable[b] ? (char)b : (char)(256 + next++);
        }
        return table;
    }

    private static short[] BuildCharToByte()
    {
        var map = new short[512];
        Array.Fill(map, (short)-1);
        for (int b = 0; b < 256; b++) map[ByteToCharTable[b]] = (short)b;
        return map;
    }
}
