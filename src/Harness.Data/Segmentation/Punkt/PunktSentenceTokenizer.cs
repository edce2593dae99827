using System.Text;
using System.Text.RegularExpressions;
using Harness.Models;

namespace Harness.Data.Segmentation.Punkt;

/// <summary>
/// NLTK's Punkt sentence tokenizer with a trained model: the spans `PunktSentenceTokenizer.span_tokenize(text)` yields
/// (nltk/tokenize/punkt.py, NLTK 3.8-3.9, realign_boundaries=True), which is what `nltk.sent_tokenize` returns as
/// strings. A port of its candidate search (_match_potential_end_contexts, the ReDoS-safe form), its two annotation
/// passes over the words around each candidate (abbreviations, ellipses, the collocation, orthographic and
/// sentence-starter heuristics, initials and ordinals) and its boundary realignment. Spans are UTF-16 offsets; the
/// regexes are punkt.py's with Python's \s spelled out (it also counts U+001C..U+001F). PunktParityTests checks
/// every span against NLTK's output. Character classes follow Python's (PythonText: str.isupper/islower with the
/// Other_Uppercase/Other_Lowercase characters, \d on code points above U+FFFF); their Unicode data is .NET's (16.0),
/// so characters assigned after Python 3.11's Unicode 14.0 count as letters here and not there.
/// </summary>
public sealed partial class PunktSentenceTokenizer(PunktModel model)
{
    /// <summary>Punkt with NLTK's English model (punkt_tab/english): `nltk.sent_tokenize(text)`.</summary>
    public static PunktSentenceTokenizer English { get; } = new(PunktModel.English);

    // PunktLanguageVars: sent_end_chars . ? !; _re_non_word_chars; _re_multi_char_punct; _re_word_start.
    private const string Space = @"[\s\x1c-\x1f]";
    private const string NonSpace = @"[^\s\x1c-\x1f]";
    private const string NonWord = @"(?:[)"";}\]*:@'({\[?!])";
    private const string MultiChar = @"(?:-{2,}|\.{2,}|(?:\." + Space + "){2,}\\.)";
    private const string WordStart = @"[^(""`{\[:;&#*@)}\]\-,]";

    /// <summary>_word_tokenize_fmt: multi-character punctuation, a word up to its end, or any other non-space.</summary>
    [GeneratedRegex(MultiChar + "|(?=" + WordStart + ")" + NonSpace + "+?(?=" + Space + "|$|" + NonWord + "|" + MultiChar
                    + "|,(?=$|" + Space + "|" + NonWord + "|" + MultiChar + "))|" + NonSpace, RegexOptions.CultureInvariant)]
    private static partial Regex WordToken();

    /// <summary>_period_context_fmt: a sentence-end character followed by other punctuation, or by white space and a token.</summary>
    [GeneratedRegex(@"[.?!](?=(?<after>" + NonWord + "|" + Space + "+(?<next>" + NonSpace + "+)))", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodContext();

    /// <summary>re_boundary_realignment (re.MULTILINE; punkt.py calls re.match, hence \A): closing quotes and brackets
    /// that belong to the previous sentence.</summary>
    [GeneratedRegex(@"\A[""')\]}]+?(?:" + Space + "+|(?=--)|$)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex BoundaryRealignment();

    /// <summary>The sentences of <paramref name="text"/> as [start, end) UTF-16 spans, in order.</summary>
    public IReadOnlyList<(int Start, int End)> SpanTokenize(string text) => Realign(text, SlicesFromText(text));

    /// <summary>The sentences of <paramref name="text"/> as strings (`sent_tokenize`).</summary>
    public IReadOnlyList<string> Tokenize(string text) => SpanTokenize(text).Select(s => text[s.Start..s.End]).ToList();

    /// <summary>_slices_from_text: a slice ends at each candidate whose context holds a sentence break.</summary>
    private List<(int Start, int End)> SlicesFromText(string text)
    {
        var slices = new List<(int, int)>();
        var lastBreak = 0;
        foreach (var (match, context) in PotentialEndContexts(text))
        {
            if (!ContainsSentenceBreak(context)) continue;
            slices.Add((lastBreak, match.Index + match.Length));
            var next = match.Groups["next"];
            lastBreak = next.Success ? next.Index : match.Index + match.Length;
        }

        // The last sentence does not take trailing white space.
        slices.Add((lastBreak, PythonText.RStrip(text).Length));
        return slices;
    }

    /// <summary>_match_potential_end_contexts: each candidate with the word before it, the candidate and what follows;
    /// a candidate whose preceding word overlaps the next candidate's is dropped (e.g. the first two of "!!!").</summary>
    private static IEnumerable<(Match Match, string Context)> PotentialEndContexts(string text)
    {
        var previous = (Start: 0, Stop: 0);
        Match? previousMatch = null;
        foreach (Match match in PeriodContext().Matches(text))
        {
            var before = text[previous.Stop..match.Index];
            var lastSpace = LastAsciiWhitespaceIndex(before);
            // punkt.py treats index 0 as "none found", so a word directly after a space at 0 starts at the slice start.
            var wordStart = lastSpace != 0 ? lastSpace + previous.Stop + 1 : previous.Start;
            var word = (Start: wordStart, Stop: match.Index);
            if (previousMatch is not null && previous.Stop <= word.Start) yield return (previousMatch, Context(text, previous, previousMatch));
            previousMatch = match;
            previous = word;
        }

        if (previousMatch is not null) yield return (previousMatch, Context(text, previous, previousMatch));
    }

    private static string Context(string text, (int Start, int Stop) word, Match match) =>
        PythonSlice(text, word.Start, word.Stop) + match.Value + match.Groups["after"].Value;

    /// <summary>_get_last_whitespace_index: the last character of string.whitespace (ASCII), or 0 when there is none.</summary>
    private static int LastAsciiWhitespaceIndex(string text)
    {
        for (var i = text.Length - 1; i >= 0; i--)
            if (text[i] is ' ' or '\t' or '\n' or '\r' or '\v' or '\f') return i;
        return 0;
    }

    /// <summary>text[start:stop] with Python's clamping (an empty string when start is past stop).</summary>
    private static string PythonSlice(string text, int start, int stop) => start < stop ? text[start..stop] : "";

    /// <summary>_realign_boundaries: closing punctuation at the start of a sentence moves to the end of the previous one.</summary>
    private static List<(int Start, int End)> Realign(string text, List<(int Start, int End)> slices)
    {
        var realigned = new List<(int, int)>();
        var shift = 0;
        for (var i = 0; i < slices.Count; i++)
        {
            var first = (Start: slices[i].Start + shift, slices[i].End);
            if (i + 1 == slices.Count)
            {
                if (first.Start < first.End) realigned.Add(first);
                continue;
            }

            var second = slices[i + 1];
            var m = BoundaryRealignment().Match(PythonSlice(text, second.Start, second.End));
            if (m.Success)
            {
                realigned.Add((first.Start, second.Start + PythonText.RStrip(m.Value).Length));
                shift = m.Index + m.Length;
            }
            else
            {
                shift = 0;
                if (first.Start < first.End) realigned.Add(first);
            }
        }

        return realigned;
    }

    /// <summary>text_contains_sentbreak: some token after the first sentence break (the last token alone does not count).</summary>
    private bool ContainsSentenceBreak(string text)
    {
        var tokens = Words(text);
        foreach (var token in tokens) FirstPass(token);
        var found = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (found) return true;
            SecondPass(tokens[i], i + 1 < tokens.Count ? tokens[i + 1] : null);
            if (tokens[i].SentenceBreak) found = true;
        }

        return false;
    }

    /// <summary>_tokenize_words: the words of each non-blank line (the line start flags are not used when tokenizing).</summary>
    private static List<PunktToken> Words(string text)
    {
        var tokens = new List<PunktToken>();
        foreach (var line in text.Split('\n'))
        {
            if (PythonText.Strip(line).Length == 0) continue;
            foreach (Match word in WordToken().Matches(line)) tokens.Add(new PunktToken(word.Value));
        }

        return tokens;
    }

    /// <summary>_first_pass_annotation: ". ? !" break; ellipses; a final period ends a sentence unless the word is an
    /// abbreviation (or its last hyphen-separated part is).</summary>
    private void FirstPass(PunktToken token)
    {
        var tok = token.Text;
        if (tok is "." or "?" or "!") token.SentenceBreak = true;
        else if (token.IsEllipsis) token.Ellipsis = true;
        else if (token.PeriodFinal && !tok.EndsWith("..", StringComparison.Ordinal))
        {
            var stem = PunktToken.Lower(tok[..^1]);
            if (model.AbbreviationTypes.Contains(stem) || model.AbbreviationTypes.Contains(stem.Split('-')[^1])) token.Abbreviation = true;
            else token.SentenceBreak = true;
        }
    }

    /// <summary>_second_pass_annotation: reclassify a period-final token from the token after it.</summary>
    private void SecondPass(PunktToken first, PunktToken? second)
    {
        if (second is null || !first.PeriodFinal) return;
        var type = first.TypeNoPeriod;
        var nextType = second.TypeNoSentencePeriod;
        var isInitial = first.IsInitial;

        // 4.1.2 collocation heuristic.
        if (model.Collocations.Contains((type, nextType)))
        {
            first.SentenceBreak = false;
            first.Abbreviation = true;
            return;
        }

        // 4.2: an abbreviation or ellipsis is also a break before an orthographic or frequent sentence starter.
        if ((first.Abbreviation || first.Ellipsis) && !isInitial)
        {
            var starter = Orthographic(second);
            if (starter == Starter.Yes)
            {
                first.SentenceBreak = true;
                return;
            }

            if (second.FirstUpper && model.SentenceStarters.Contains(nextType))
            {
                first.SentenceBreak = true;
                return;
            }
        }

        // 4.3: initials and ordinals.
        if (isInitial || type == PunktToken.Number)
        {
            var starter = Orthographic(second);
            if (starter == Starter.No)
            {
                first.SentenceBreak = false;
                first.Abbreviation = true;
                return;
            }

            if (starter == Starter.Unknown && isInitial && second.FirstUpper && (OrthographicContext(nextType) & LowerCase) == 0)
            {
                first.SentenceBreak = false;
                first.Abbreviation = true;
            }
        }
    }

    private enum Starter { Yes, No, Unknown }

    // Orthographic context flags (punkt.py _ORTHO_*): beginning / middle / unknown position, upper / lower case.
    private const int BeginUpper = 1 << 1, MiddleUpper = 1 << 2, UnknownUpper = 1 << 3;
    private const int BeginLower = 1 << 4, MiddleLower = 1 << 5, UnknownLower = 1 << 6;
    private const int UpperCase = BeginUpper + MiddleUpper + UnknownUpper;
    private const int LowerCase = BeginLower + MiddleLower + UnknownLower;

    private int OrthographicContext(string type) => model.OrthographicContext.TryGetValue(type, out var flags) ? flags : 0;

    /// <summary>_ortho_heuristic: does the token start a sentence, from how its type was cased in training?</summary>
    private Starter Orthographic(PunktToken token)
    {
        if (token.Text is ";" or ":" or "," or "." or "!" or "?") return Starter.No;
        var context = OrthographicContext(token.TypeNoSentencePeriod);
        if (token.FirstUpper && (context & LowerCase) != 0 && (context & MiddleUpper) == 0) return Starter.Yes;
        if (token.FirstLower && ((context & UpperCase) != 0 || (context & BeginLower) == 0)) return Starter.No;
        return Starter.Unknown;
    }

    /// <summary>PunktToken: a word with its type (lower case, numbers as ##number##) and its annotations.</summary>
    private sealed partial class PunktToken(string text)
    {
        public const string Number = "##number##";

        public string Text { get; } = text;

        public string Type { get; } = Numeric().IsMatch(PythonText.BmpStandIns(text)) ? Number : Lower(text);

        public bool PeriodFinal => Text.EndsWith('.');

        public bool SentenceBreak { get; set; }

        public bool Abbreviation { get; set; }

        public bool Ellipsis { get; set; }

        public string TypeNoPeriod => Type.Length > 1 && Type[^1] == '.' ? Type[..^1] : Type;

        public string TypeNoSentencePeriod => SentenceBreak ? TypeNoPeriod : Type;

        public bool FirstUpper => PythonText.IsUpper(PythonText.RuneAt(Text, 0));

        public bool FirstLower => PythonText.IsLower(PythonText.RuneAt(Text, 0));

        /// <summary>_RE_ELLIPSIS: two or more periods.</summary>
        public bool IsEllipsis => Text.Length >= 2 && Text.All(c => c == '.');

        /// <summary>_RE_INITIAL [^\W\d]\.$: one letter-like code point and a period.</summary>
        public bool IsInitial
        {
            get
            {
                var first = PythonText.RuneAt(Text, 0);
                var width = Rune.TryGetRuneAt(Text, 0, out _) ? first.Utf16SequenceLength : 1;
                return Text.Length == width + 1 && Text[^1] == '.' && PythonText.IsLetterLike(first);
            }
        }

        /// <summary>str.lower(), by .NET's invariant case mapping.</summary>
        public static string Lower(string text) => text.ToLowerInvariant();

        /// <summary>_RE_NUMERIC ^-?[\.,]?\d[\d,\.-]*\.?$, read on <see cref="PythonText.BmpStandIns"/> so that Python's \d
        /// also takes decimal digits above U+FFFF (e.g. 𝟏).</summary>
        [GeneratedRegex(@"^-?[.,]?\d[\d,.\-]*\.?$", RegexOptions.CultureInvariant)]
        private static partial Regex Numeric();
    }
}
