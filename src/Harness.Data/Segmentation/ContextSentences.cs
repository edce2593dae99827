using Harness.Data.Segmentation.Punkt;
using Harness.Models;

namespace Harness.Data.Segmentation;

/// <summary>
/// A context's sentences as AT2 and ContextCite split them (their `split_text(text, "sentence")`): each line of the
/// text (str.splitlines) through NLTK's Punkt (`nltk.sent_tokenize`, English), and each sentence located in the text
/// with `text.find(part, end of the previous part)`. AT2 (MadryLab/AT2 at2/utils.py) then drops the parts without a
/// letter or other non-punctuation character (`is_sentence`: "1." or "--" become separators); ContextCite
/// (context_cite/utils.py) keeps them. What lies between the spans (line breaks, spaces, dropped parts) is in no
/// source. PunktParityTests checks the AT2 form against AT2's own function on NLTK's Punkt.
/// </summary>
public static class ContextSentences
{
    /// <summary>AT2's sentence sources: [start, end) UTF-16 spans of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<(int Start, int End)> At2(string text) => Split(text, dropNonSentences: true);

    /// <summary>ContextCite's sentence sources: as <see cref="At2"/>, keeping parts without a letter (`unit: sentence` is
    /// AT2's, `unit: context_cite_sentence` this one).</summary>
    public static IReadOnlyList<(int Start, int End)> ContextCite(string text) => Split(text, dropNonSentences: false);

    private static List<(int Start, int End)> Split(string text, bool dropNonSentences)
    {
        var parts = new List<string>();
        foreach (var (start, end) in PythonText.Lines(text))
            parts.AddRange(PunktSentenceTokenizer.English.Tokenize(text[start..end]).Where(p => !dropNonSentences || IsSentence(p)));

        var spans = new List<(int, int)>(parts.Count);
        var cursor = 0;
        foreach (var part in parts)
        {
            var at = text.IndexOf(part, cursor, StringComparison.Ordinal);
            if (at < 0) throw new InvalidOperationException($"sentence \"{part}\" not found after offset {cursor}");
            cursor = at + part.Length;
            spans.Add((at, cursor));
        }

        return spans;
    }

    /// <summary>Python's string.whitespace + string.digits + string.punctuation (all ASCII).</summary>
    private const string NotSentenceCharacters = " \t\n\r\v\f0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>AT2's is_sentence: some character outside <see cref="NotSentenceCharacters"/>.</summary>
    internal static bool IsSentence(ReadOnlySpan<char> part)
    {
        foreach (var c in part)
            if (!NotSentenceCharacters.Contains(c)) return true;
        return false;
    }
}
