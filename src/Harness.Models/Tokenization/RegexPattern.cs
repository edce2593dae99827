using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Harness.Models.Tokenization;

/// <summary>
/// A regular expression from tokenizer.json (<c>{"Regex": "..."}</c>), matched per code point as
/// the reference's Oniguruma engine does, compiled once.
/// </summary>
/// <remarks>
/// Oniguruma syntax that .NET reads differently is rewritten first: <c>\w</c> becomes Oniguruma's
/// word class (letters, all marks, decimal and letter numbers, connector punctuation, ²³¹¼½¾ and
/// the circled/squared Latin letters), <c>\W</c> its complement, <c>[:punct:]</c> inside a bracket
/// <c>\p{P}\p{S}</c>, <c>\x{HHHH}</c> <c>\uHHHH</c>. Other POSIX brackets and <c>\W</c> inside a
/// bracket are rejected rather than silently read another way.
/// </remarks>
/// <remarks>
/// .NET matches UTF-16 units: an astral character is two surrogates, which <c>\p{L}</c> never
/// matches and a one-character class such as <c>[^\r\n\p{L}\p{N}]?</c> would take half of. When
/// the input holds surrogate pairs, each pair is therefore matched as one BMP stand-in character of
/// the same Unicode general category (so <c>\p{..}</c>, <c>\w</c>, <c>\d</c>, <c>\s</c> classify it
/// as the reference does), and match positions are mapped back to the real string.
/// </remarks>
internal sealed class RegexPattern : SplitPattern
{
    /// <summary>Oniguruma's Unicode <c>\w</c> beyond .NET's (L, Mn, Nd, Pc), as members of a character class.</summary>
    /// <remarks>Measured against the reference library: every code point up to U+2FFFF.</remarks>
    public const string OnigurumaWordClass = @"\w\p{M}\p{Nl}\u00B2\u00B3\u00B9\u00BC-\u00BE\u24B6-\u24E9";

    /// <summary>The Rust regex crate's Unicode <c>\w</c> (UTS #18: Alphabetic, M, Nd, Pc, Join_Control), as members of a character class.</summary>
    public const string RustRegexWordClass = @"\w\p{M}\p{Nl}\u200C\u200D\u24B6-\u24E9";

    // Astral letters of category So that both engines count as word characters (Other_Alphabetic):
    // squared, negative circled and negative squared Latin capitals. Their stand-in is U+24B6 (Ⓐ).
    private static readonly (int First, int Last)[] AstralAlphabeticSymbols = [(0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189)];

    private static readonly char[] StandIns = BuildStandIns();
    private readonly Regex regex;

    /// <summary>
    /// Compiles an Oniguruma <paramref name="pattern"/> (as tokenizer.json holds); throws
    /// <see cref="ArgumentException"/> when it uses syntax .NET cannot read the same way.
    /// </summary>
    public RegexPattern(string pattern) : this(pattern, translateFromOniguruma: true)
    {
    }

    /// <summary>Compiles <paramref name="pattern"/>, rewritten from Oniguruma syntax when <paramref name="translateFromOniguruma"/>.</summary>
    public RegexPattern(string pattern, bool translateFromOniguruma)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Pattern = pattern;
        regex = new Regex(translateFromOniguruma ? TranslateOniguruma(pattern) : pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
    }

    /// <summary>The pattern as written in tokenizer.json.</summary>
    public string Pattern { get; }

    /// <inheritdoc />
    public override void FindMatches(ReadOnlySpan<char> input, List<(int Start, int End)> matches)
    {
        if (input.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            foreach (ValueMatch m in regex.EnumerateMatches(input)) matches.Add((m.Index, m.Index + m.Length));
            return;
        }

        char[] mapped = ArrayPool<char>.Shared.Rent(input.Length);
        int[] origin = ArrayPool<int>.Shared.Rent(input.Length + 1);
        try
        {
            int count = 0;
            for (int i = 0; i < input.Length;)
            {
                origin[count] = i;
                if (NormalizedString.UnitsAt(input, i, input.Length) == 2)
                {
                    int codePoint = char.ConvertToUtf32(input[i], input[i + 1]);
                    mapped[count++] = IsAstralAlphabeticSymbol(codePoint) ? '\u24B6' : StandIns[(int)CharUnicodeInfo.GetUnicodeCategory(codePoint)];
                    i += 2;
                }
                else
                {
                    mapped[count++] = input[i++];
                }
            }
            origin[count] = input.Length;
            foreach (ValueMatch m in regex.EnumerateMatches(mapped.AsSpan(0, count)))
                matches.Add((origin[m.Index], origin[m.Index + m.Length]));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(mapped);
            ArrayPool<int>.Shared.Return(origin);
        }
    }

    /// <summary>Rewrites the Oniguruma constructs .NET would read differently (see the type's remarks).</summary>
    internal static string TranslateOniguruma(string pattern)
    {
        var output = new System.Text.StringBuilder(pattern.Length + 32);
        bool inClass = false;
        for (int i = 0; i < pattern.Length;)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                char next = pattern[i + 1];
                switch (next)
                {
                    case 'w':
                        output.Append(inClass ? OnigurumaWordClass : "[" + OnigurumaWordClass + "]");
                        i += 2;
                        continue;
                    case 'W':
                        if (inClass) throw new ArgumentException($"\\W inside a character class is not supported: '{pattern}'.", nameof(pattern));
                        output.Append("[^").Append(OnigurumaWordClass).Append(']');
                        i += 2;
                        continue;
                    case 'x' when i + 2 < pattern.Length && pattern[i + 2] == '{':
                    {
                        int close = pattern.IndexOf('}', i + 3);
                        if (close < 0 || !int.TryParse(pattern.AsSpan(i + 3, close - i - 3), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int value) || value > 0xFFFF)
                            throw new ArgumentException($"Only \\x{{HHHH}} escapes of BMP characters are supported: '{pattern}'.", nameof(pattern));
                        output.Append("\\u").Append(value.ToString("X4", CultureInfo.InvariantCulture));
                        i = close + 1;
                        continue;
                    }
                    default:
                        output.Append(c).Append(next);
                        i += 2;
                        continue;
                }
            }
            if (!inClass && c == '[')
            {
                inClass = true;
                output.Append(c);
                i++;
                if (i < pattern.Length && pattern[i] == '^') output.Append(pattern[i++]);
                if (i < pattern.Length && pattern[i] == ']') output.Append(pattern[i++]);
                continue;
            }
            if (inClass && c == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
            {
                int close = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
                string name = close < 0 ? "" : pattern[(i + 2)..close];
                if (name != "punct") throw new ArgumentException($"POSIX bracket [:{name}:] is not supported: '{pattern}'.", nameof(pattern));
                output.Append(@"\p{P}\p{S}");
                i = close + 2;
                continue;
            }
            if (inClass && c == ']') inClass = false;
            output.Append(c);
            i++;
        }
        return output.ToString();
    }

    private static bool IsAstralAlphabeticSymbol(int codePoint)
    {
        foreach (var (first, last) in AstralAlphabeticSymbols)
            if (codePoint >= first && codePoint <= last) return true;
        return false;
    }

    /// <summary>
    /// One BMP character per general category, chosen away from ASCII and from ranges that
    /// tokenizer patterns name explicitly (CJK, combining diacritics, zero-width characters).
    /// </summary>
    private static char[] BuildStandIns()
    {
        var preferred = new Dictionary<UnicodeCategory, char>
        {
            [UnicodeCategory.UppercaseLetter] = '\u0181',
            [UnicodeCategory.LowercaseLetter] = '\u0250',
            [UnicodeCategory.TitlecaseLetter] = '\u01C5',
            [UnicodeCategory.ModifierLetter] = '\u02B0',
            [UnicodeCategory.OtherLetter] = '\u0F40',
            [UnicodeCategory.NonSpacingMark] = '\u1AB0',
            [UnicodeCategory.SpacingCombiningMark] = '\u0903',
            [UnicodeCategory.EnclosingMark] = '\u20DD',
            [UnicodeCategory.DecimalDigitNumber] = '\u0BE6',
            [UnicodeCategory.LetterNumber] = '\u16EE',
            [UnicodeCategory.OtherNumber] = '\u09F4',
            [UnicodeCategory.Format] = '\uFFF9',
            [UnicodeCategory.PrivateUse] = '\uE000',
            [UnicodeCategory.OtherNotAssigned] = '\u0378',
            [UnicodeCategory.ConnectorPunctuation] = '\u2040',
            [UnicodeCategory.DashPunctuation] = '\u2E1A',
            [UnicodeCategory.OpenPunctuation] = '\u2E22',
            [UnicodeCategory.ClosePunctuation] = '\u2E23',
            [UnicodeCategory.InitialQuotePunctuation] = '\u2E02',
            [UnicodeCategory.FinalQuotePunctuation] = '\u2E03',
            [UnicodeCategory.OtherPunctuation] = '\u2E2E',
            [UnicodeCategory.MathSymbol] = '\u2A00',
            [UnicodeCategory.CurrencySymbol] = '\u20B0',
            [UnicodeCategory.ModifierSymbol] = '\u02C2',
            [UnicodeCategory.OtherSymbol] = '\uA836',
        };
        var table = new char[32];
        foreach (UnicodeCategory category in Enum.GetValues<UnicodeCategory>())
        {
            if (preferred.TryGetValue(category, out char c) && CharUnicodeInfo.GetUnicodeCategory(c) == category)
            {
                table[(int)category] = c;
                continue;
            }
            // Categories with no astral members (controls, separators, surrogates) or a stand-in the
            // runtime classifies differently: first BMP character of that category above Latin-1.
            table[(int)category] = '\uFFFD';
            for (int candidate = 0x100; candidate < 0xD800; candidate++)
            {
                if (CharUnicodeInfo.GetUnicodeCategory((char)candidate) == category)
                {
                    table[(int)category] = (char)candidate;
                    break;
                }
            }
        }
        return table;
    }
}
