using System.Globalization;
using System.Text;

namespace Harness.Attribution.Methods;

/// <summary>The Python string operations nltk's tagger and ReAGent's tag map use, on code points as Python counts
/// them (a C# char is a UTF-16 unit): str.strip(), str.isdigit(), s[0], s[-3:] and len(s).</summary>
public static class PythonText
{
    /// <summary>str.strip(): Python's whitespace, which also counts the separators U+001C..U+001F.</summary>
    public static string Strip(string text)
    {
        var (start, end) = (0, text.Length);
        while (start < end && IsSpace(text[start])) start++;
        while (end > start && IsSpace(text[end - 1])) end--;
        return text[start..end];
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f';

    /// <summary>str.isdigit(): non-empty and every code point of Unicode Numeric_Type Decimal or Digit (superscripts
    /// and circled digits count), which is what .NET's digit value reports.</summary>
    public static bool IsDigit(string text) => text.Length > 0 && Runes(text).All(IsDigit);

    /// <summary>str.isdigit() for one code point: Unicode Numeric_Type Decimal or Digit.</summary>
    public static bool IsDigit(Rune rune) => rune.IsBmp
        ? CharUnicodeInfo.GetDigitValue((char)rune.Value) >= 0
        : CharUnicodeInfo.GetDigitValue(rune.ToString(), 0) >= 0;

    /// <summary>The code points of <paramref name="text"/> (a lone surrogate counts as one, as in Python's str).</summary>
    public static List<Rune> Runes(string text)
    {
        var runes = new List<Rune>(text.Length);
        for (var i = 0; i < text.Length;)
        {
            if (Rune.TryGetRuneAt(text, i, out var rune))
            {
                runes.Add(rune);
                i += rune.Utf16SequenceLength;
            }
            else
            {
                runes.Add(Rune.ReplacementChar);
                i++;
            }
        }

        return runes;
    }

    /// <summary>s[-n:] by code points.</summary>
    public static string Last(string text, int n)
    {
        var runes = Runes(text);
        return string.Concat(runes.Skip(Math.Max(0, runes.Count - n)).Select(r => r.ToString()));
    }
}
