using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace Harness.Models;

/// <summary>
/// Python's string operations where the harness must write or read text exactly as Python code does (CPython 3.11:
/// Objects/unicodeobject.c, Lib/textwrap.py): nltk's tagger and ReAGent's tag map (str.strip(), str.isdigit(), s[-3:]),
/// chat templates' repr of strings, and Captum's plot labels (repr, textwrap.shorten, "%.4f"). Lengths and indices count
/// code points, as Python's do (a C# char is a UTF-16 unit). Which characters repr escapes follows .NET's Unicode data
/// (Unicode 16.0 in .NET 10, as Python 3.14's): a character assigned since Python 3.11's Unicode 14.0 prints as itself
/// here where that Python escapes it.
/// </summary>
public static partial class PythonText
{
    /// <summary>str.strip(): Python's whitespace, which also counts the separators U+001C..U+001F.</summary>
    public static string Strip(string text)
    {
        var (start, end) = (0, text.Length);
        while (start < end && IsSpace(text[start])) start++;
        while (end > start && IsSpace(text[end - 1])) end--;
        return text[start..end];
    }

    /// <summary>str.rstrip(): Python's whitespace off the end.</summary>
    public static string RStrip(string text)
    {
        var end = text.Length;
        while (end > 0 && IsSpace(text[end - 1])) end--;
        return text[..end];
    }

    /// <summary>str.isspace() for one UTF-16 unit (every Python whitespace character is in the BMP).</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f';

    /// <summary>Python's regex class [^\W\d] for one code point: a letter, a number that is not a decimal digit
    /// (Nl, No), or "_" (Python's \w is str.isalnum() or "_").</summary>
    public static bool IsLetterLike(Rune rune) => rune.Value == '_' || Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
            or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };

    /// <summary>str.isupper() for one code point: Unicode's Uppercase property, the letters Lu and the Other_Uppercase
    /// symbols (Roman numerals, circled and squared capitals; Python 3.11's table, generated with unicodedata).</summary>
    public static bool IsUpper(Rune rune) => Rune.IsUpper(rune) || InRanges(rune.Value, OtherUppercase);

    /// <summary>str.islower() for one code point: Unicode's Lowercase property, the letters Ll and the Other_Lowercase
    /// characters (ª, º, modifier letters, small Roman numerals, circled small letters; Python 3.11's table).</summary>
    public static bool IsLower(Rune rune) => Rune.IsLower(rune) || InRanges(rune.Value, OtherLowercase);

    private static readonly (int First, int Last)[] OtherUppercase =
        [(0x2160, 0x216F), (0x24B6, 0x24CF), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189)];

    private static readonly (int First, int Last)[] OtherLowercase =
    [
        (0x00AA, 0x00AA), (0x00BA, 0x00BA), (0x02B0, 0x02B8), (0x02C0, 0x02C1), (0x02E0, 0x02E4), (0x0345, 0x0345), (0x037A, 0x037A),
        (0x1D2C, 0x1D6A), (0x1D78, 0x1D78), (0x1D9B, 0x1DBF), (0x2071, 0x2071), (0x207F, 0x207F), (0x2090, 0x209C), (0x2170, 0x217F),
        (0x24D0, 0x24E9), (0x2C7C, 0x2C7D), (0xA69C, 0xA69D), (0xA770, 0xA770), (0xA7F8, 0xA7F9), (0xAB5C, 0xAB5F), (0x10780, 0x10780),
        (0x10783, 0x10785), (0x10787, 0x107B0), (0x107B2, 0x107BA),
    ];

    private static bool InRanges(int point, (int First, int Last)[] ranges) => ranges.Any(r => point >= r.First && point <= r.Last);

    /// <summary>The code point at <paramref name="index"/>, a lone surrogate as itself (Python's str keeps it).</summary>
    public static Rune RuneAt(string text, int index) =>
        Rune.TryGetRuneAt(text, index, out var rune) ? rune : new Rune(0xFFFD);

    /// <summary>The text with each code point above U+FFFF (two UTF-16 units, which a .NET regex class such as \d or
    /// \p{L} never matches) replaced by one BMP character of its class, so a regex reads code points as Python's does:
    /// "a" for a letter or Nl/No number, "0" for a decimal digit, "#" otherwise (none of them is white space, a hyphen
    /// or one of "!\"'&amp;.,?"). One character per code point, so lengths count code points.</summary>
    public static string BmpStandIns(string text) => !text.Any(char.IsSurrogate) ? text : string.Concat(Runes(text).Select(r => r.IsBmp
        ? ((char)r.Value).ToString()
        : Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.DecimalDigitNumber => "0",
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
                or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => "a",
            _ => "#",
        }));

    /// <summary>The UTF-16 offset of each code point of the text, then of its end (a lone surrogate is one code point,
    /// as in Python's str): maps Python indices onto .NET ones.</summary>
    public static int[] CodePointOffsets(string text)
    {
        var offsets = new List<int>(text.Length + 1) { 0 };
        for (var i = 0; i < text.Length;)
        {
            i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            offsets.Add(i);
        }

        return offsets.ToArray();
    }

    /// <summary>str.splitlines() boundaries: the positions [start, end) of each line, without its line break (\n, \r,
    /// \r\n, \v, \f, U+001C..U+001E, U+0085, U+2028, U+2029).</summary>
    public static IEnumerable<(int Start, int End)> Lines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('\n' or '\r' or '\v' or '\f' or '\u001c' or '\u001d' or '\u001e' or '\u0085' or '\u2028' or '\u2029')) continue;
            yield return (start, i);
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }

        if (start < text.Length) yield return (start, text.Length);
    }

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

    /// <summary><c>repr(text)</c>: the text with Python's escapes in quotes, double when the text has a single quote and
    /// no double quote, else single (then escaped inside).</summary>
    public static string Repr(string text)
    {
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var result = new StringBuilder(text.Length + 2).Append(quote);
        for (var i = 0; i < text.Length; i++)
        {
            int point = char.IsSurrogatePair(text, i) ? char.ConvertToUtf32(text[i], text[++i]) : text[i];
            if (point == quote || point == '\\') result.Append('\\').Append((char)point);
            else if (point == '\t') result.Append("\\t");
            else if (point == '\n') result.Append("\\n");
            else if (point == '\r') result.Append("\\r");
            else if (point < ' ' || point == 0x7F) result.Append(CultureInfo.InvariantCulture, $"\\x{point:x2}");
            else if (point < 0x7F || IsPrintable(point)) result.Append(char.ConvertFromUtf32(point));
            else if (point <= 0xFF) result.Append(CultureInfo.InvariantCulture, $"\\x{point:x2}");
            else if (point <= 0xFFFF) result.Append(CultureInfo.InvariantCulture, $"\\u{point:x4}");
            else result.Append(CultureInfo.InvariantCulture, $"\\U{point:x8}");
        }

        return result.Append(quote).ToString();
    }

    /// <summary><c>textwrap.shorten(text, width, placeholder=placeholder)</c>: whitespace collapsed to single spaces; when
    /// longer than <paramref name="width"/>, as many whole chunks as fit with the placeholder after them (a chunk being a
    /// word, a space, or a part of a hyphenated word), or the placeholder alone.</summary>
    public static string Shorten(string text, int width, string placeholder)
    {
        var collapsed = string.Join(' ', SplitOnSpace(text));
        if (collapsed.Length == 0) return "";
        var chunks = new Stack<string>(Chunks(collapsed).Reverse());
        var line = new List<string>();
        var length = 0;
        while (chunks.Count > 0 && length + Length(chunks.Peek()) <= width)
        {
            length += Length(chunks.Peek());
            line.Add(chunks.Pop());
        }

        if (chunks.Count > 0 && Length(chunks.Peek()) > width)
        {
            BreakLongWord(chunks, line, width < 1 ? 1 : width - length);
            length = line.Sum(Length);
        }

        if (line.Count > 0 && line[^1].Trim().Length == 0)
        {
            length -= Length(line[^1]);
            line.RemoveAt(line.Count - 1);
        }

        if (line.Count > 0 && (chunks.Count == 0 || (chunks.Count == 1 && chunks.Peek().Trim().Length == 0)) && length <= width)
            return string.Concat(line);
        // TextWrapper with max_lines=1: drop chunks from the end until a word is last and the placeholder fits after it.
        while (line.Count > 0)
        {
            if (line[^1].Trim().Length > 0 && length + Length(placeholder) <= width) return string.Concat(line) + placeholder;
            length -= Length(line[^1]);
            line.RemoveAt(line.Count - 1);
        }

        return placeholder.TrimStart();
    }

    /// <summary><c>"%.{digits}f" % value</c>: the exact binary value rounded half to even at <paramref name="digits"/>
    /// decimals, the sign kept for negative values that round to zero (-0.0000), "nan", "inf" and "-inf".</summary>
    public static string Fixed(double value, int digits)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent = 1; else mantissa |= 1L << 52;
        exponent -= 1075; // |value| = mantissa * 2^exponent
        var scaled = new BigInteger(mantissa) * BigInteger.Pow(10, digits);
        BigInteger rounded;
        if (exponent >= 0) rounded = scaled << exponent;
        else
        {
            var denominator = BigInteger.One << -exponent;
            rounded = BigInteger.DivRem(scaled, denominator, out var remainder);
            var twice = remainder * 2;
            if (twice > denominator || (twice == denominator && !rounded.IsEven)) rounded += 1;
        }

        var text = rounded.ToString(CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        var sign = bits < 0 ? "-" : "";
        return digits == 0 ? sign + text : $"{sign}{text[..^digits]}.{text[^digits..]}";
    }

    /// <summary>textwrap's _handle_long_word with break_long_words and break_on_hyphens: as much of the next chunk (longer
    /// than the line) as the line has room for, cut after its last hyphen in that room when there is one.</summary>
    private static void BreakLongWord(Stack<string> chunks, List<string> line, int room)
    {
        var points = CodePoints(chunks.Pop());
        var end = room;
        var hyphen = end > 0 ? Array.LastIndexOf(points, "-", end - 1, end) : -1;
        if (hyphen > 0 && points[..hyphen].Any(p => p != "-")) end = hyphen + 1;
        line.Add(string.Concat(points[..end]));
        chunks.Push(string.Concat(points[end..]));
    }

    /// <summary>Python's str.isprintable for one code point: not a control, format, surrogate, private-use or unassigned
    /// character, nor a separator other than the ASCII space.</summary>
    private static bool IsPrintable(int point)
    {
        if (point is >= 0xD800 and <= 0xDFFF) return false;
        return Rune.GetUnicodeCategory(new Rune(point)) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
            UnicodeCategory.SpaceSeparator => point == ' ',
            _ => true,
        };
    }

    /// <summary>str.split() without arguments: the runs between Python's whitespace.</summary>
    private static IEnumerable<string> SplitOnSpace(string text)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !IsSpace(text[i])) continue;
            if (i > start) yield return text[start..i];
            start = i + 1;
        }
    }

    private static int Length(string text) => Runes(text).Count;

    private static string[] CodePoints(string text) => Runes(text).Select(r => r.ToString()).ToArray();

    /// <summary>
    /// textwrap.TextWrapper.wordsep_re (Lib/textwrap.py): runs of white space, em-dashes between words, and words split
    /// after the hyphens of hyphenated words. Python's \w (letters, digits Nd/Nl/No, "_") and its letters [^\d\W] are
    /// spelled out, since .NET's \w also takes combining marks and connector punctuation and leaves out Nl and No; the
    /// regex reads UTF-16, so <see cref="Chunks"/> hands it a stand-in for each character above U+FFFF.
    /// </summary>
    [GeneratedRegex("""
        ( [\t\n\x0b\x0c\r\x20]+
        | (?<=[\p{L}\p{Nd}\p{Nl}\p{No}_!"'&.,?]) -{2,} (?=[\p{L}\p{Nd}\p{Nl}\p{No}_])
        | [^\t\n\x0b\x0c\r\x20]+? (?:
              -(?: (?<=[\p{L}\p{Nl}\p{No}_]{2}-) | (?<=[\p{L}\p{Nl}\p{No}_]-[\p{L}\p{Nl}\p{No}_]-))
              (?= [\p{L}\p{Nl}\p{No}_] -? [\p{L}\p{Nl}\p{No}_])
            | (?=[\t\n\x0b\x0c\r\x20]|\z)
            | (?<=[\p{L}\p{Nd}\p{Nl}\p{No}_!"'&.,?]) (?=-{2,}[\p{L}\p{Nd}\p{Nl}\p{No}_])
            )
        )
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex WordSeparator();

    /// <summary>textwrap's _split: the text's chunks in order. The regex reads <see cref="BmpStandIns"/> and the chunks are
    /// cut from the text by their lengths.</summary>
    private static IEnumerable<string> Chunks(string text)
    {
        var points = CodePoints(text);
        var standIn = BmpStandIns(text);
        var start = 0;
        foreach (var piece in WordSeparator().Split(standIn).Where(c => c.Length > 0))
        {
            yield return string.Concat(points[start..(start + piece.Length)]);
            start += piece.Length;
        }
    }
}
