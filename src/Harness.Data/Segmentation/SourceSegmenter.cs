using Harness.Models.Tokenization;

namespace Harness.Data.Segmentation;

/// <summary>
/// Groups the tokens of an attributed region into words or sentences from the tokenizer's character
/// offsets into the text. A word is a maximal run of tokens with no whitespace before, between or
/// after them (a whitespace-only token is a word of its own; a token that covers no text, such as BOS, is a
/// source of its own). Sentences are AT2's sentence sources of the region's text (<see cref="ContextSentences.At2"/>:
/// NLTK's Punkt line by line, parts without a letter left out), and a token belongs to the sentence that holds its
/// first non-space character; tokens in no sentence stay fixed (the spaces and line breaks between sentences,
/// letterless parts such as "1." or "* * *", BOS). AT2 maps a sentence to the tokens from the one holding its first
/// character to the one holding its last (at2/tasks/chat.py prompt_range_to_token_range); the two rules differ only
/// where one token holds the end of a sentence and the start of the next (AT2 gives it to both; here it goes to
/// the first) and where a byte-level BPE splits a sentence's last character (AT2 stops at its first piece).
/// </summary>
public static class SourceSegmenter
{
    /// <param name="text">The text the tokens were encoded from.</param>
    /// <param name="tokens">The context's tokens with offsets into <paramref name="text"/>.</param>
    /// <param name="regionStart">First attributed token.</param>
    /// <param name="regionLength">Number of attributed tokens.</param>
    public static Sources Segment(string text, IReadOnlyList<Token> tokens, int regionStart, int regionLength, SourceUnit unit)
    {
        if (regionStart < 0 || regionLength < 0 || regionStart + regionLength > tokens.Count)
            throw new ArgumentOutOfRangeException(nameof(regionLength), $"region [{regionStart}, {regionStart + regionLength}) outside {tokens.Count} tokens");
        if (unit == SourceUnit.Token)
            return new Sources(Enumerable.Range(0, regionLength).Select(i => new[] { i }).ToArray(),
                Enumerable.Range(regionStart, regionLength).Select(i => Slice(text, tokens[i].Start, tokens[i].End)).ToArray())
            {
                Spans = Enumerable.Range(regionStart, regionLength).Select(i => (tokens[i].Start, tokens[i].End)).ToArray(),
            };

        if (unit == SourceUnit.Sentence) return Sentences(text, tokens, regionStart, regionLength, ContextSentences.At2);
        if (unit == SourceUnit.ContextCiteSentence) return Sentences(text, tokens, regionStart, regionLength, ContextSentences.ContextCite);
        var groups = new List<List<int>>();
        var spans = new List<(int Start, int End)>();
        var previousEnd = -1;
        for (var i = 0; i < regionLength; i++)
        {
            var token = tokens[regionStart + i];
            var coversText = token.End > token.Start;
            var startsNew = !coversText || groups.Count == 0 || previousEnd < 0
                || token.Start > previousEnd || IsSpaceAt(text, token.Start) || IsSpaceAt(text, previousEnd - 1);

            if (startsNew)
            {
                groups.Add([]);
                spans.Add((token.Start, token.End));
            }

            groups[^1].Add(i);
            spans[^1] = (Math.Min(spans[^1].Start, token.Start), Math.Max(spans[^1].End, token.End));
            previousEnd = coversText ? token.End : -1;
        }

        return new Sources(groups.Select(g => g.ToArray()).ToArray(), spans.Select(s => Slice(text, s.Start, s.End)).ToArray()) { Spans = spans };
    }

    /// <summary>Sources given as character spans of the text (e.g. the passages of a QA prompt): a
    /// token belongs to the span that holds its first non-space character; tokens in no span stay
    /// fixed.</summary>
    public static Sources FromCharacterSpans(string text, IReadOnlyList<Token> tokens, int regionStart, int regionLength, IReadOnlyList<(int Start, int End)> spans)
    {
        var groups = spans.Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < regionLength; i++)
        {
            var token = tokens[regionStart + i];
            if (token.End <= token.Start) continue;
            var at = FirstNonSpace(text, token.Start, token.End);
            for (var s = 0; s < spans.Count; s++)
                if (at >= spans[s].Start && at < spans[s].End)
                {
                    groups[s].Add(i);
                    break;
                }
        }

        var kept = Enumerable.Range(0, spans.Count).Where(s => groups[s].Count > 0).ToArray();
        return new Sources(kept.Select(s => groups[s].ToArray()).ToArray(), kept.Select(s => Slice(text, spans[s].Start, spans[s].End)).ToArray())
        {
            SpanIndices = kept,
            Spans = kept.Select(s => spans[s]).ToArray(),
        };
    }

    private static bool IsSpaceAt(string text, int index) => index >= 0 && index < text.Length && char.IsWhiteSpace(text[index]);

    private static int FirstNonSpace(string text, int start, int end)
    {
        for (var c = start; c < end && c < text.Length; c++)
            if (!char.IsWhiteSpace(text[c])) return c;
        return start;
    }

    /// <summary>The sentences (AT2's or ContextCite's <paramref name="split"/>) of the text the region's tokens cover, as groups of those tokens.</summary>
    private static Sources Sentences(string text, IReadOnlyList<Token> tokens, int regionStart, int regionLength, Func<string, IReadOnlyList<(int Start, int End)>> split)
    {
        var covering = Enumerable.Range(regionStart, regionLength).Select(i => tokens[i]).Where(t => t.End > t.Start).ToList();
        if (covering.Count == 0) return FromCharacterSpans(text, tokens, regionStart, regionLength, []);
        var (start, end) = (covering.Min(t => t.Start), Math.Min(text.Length, covering.Max(t => t.End)));
        var sentences = split(text[start..end]).Select(s => (s.Start + start, s.End + start)).ToList();
        return FromCharacterSpans(text, tokens, regionStart, regionLength, sentences);
    }

    private static string Slice(string text, int start, int end) =>
        start >= 0 && end <= text.Length && end > start ? text[start..end] : "";
}
