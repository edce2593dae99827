using Harness.Models.Tokenization;

namespace Harness.Data.Segmentation;

/// <summary>
/// Groups the tokens of an attributed region into words or sentences from the tokenizer's character
/// offsets into the text. A word is a maximal run of tokens with no whitespace before, between or
/// after them (a whitespace-only token is a word of its own); a
/// sentence ends after '.', '!' or '?' followed by whitespace, or at a line break (a simple rule that
/// suits the prompts of the catalog's datasets; a segmenter with abbreviations is future work). Tokens
/// that cover no text (special tokens such as BOS) get a source of their own.
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
                Enumerable.Range(regionStart, regionLength).Select(i => Slice(text, tokens[i].Start, tokens[i].End)).ToArray());

        var sentenceStarts = unit == SourceUnit.Sentence ? SentenceStarts(text) : null;
        var groups = new List<List<int>>();
        var spans = new List<(int Start, int End)>();
        var previousEnd = -1;
        var previousSentence = -1;
        for (var i = 0; i < regionLength; i++)
        {
            var token = tokens[regionStart + i];
            var coversText = token.End > token.Start;
            bool startsNew;
            if (!coversText || groups.Count == 0 || previousEnd < 0) startsNew = true;
            else if (unit == SourceUnit.Word) startsNew = token.Start > previousEnd || IsSpaceAt(text, token.Start) || IsSpaceAt(text, previousEnd - 1);
            else startsNew = SentenceOf(sentenceStarts!, FirstNonSpace(text, token.Start, token.End)) != previousSentence;

            if (startsNew)
            {
                groups.Add([]);
                spans.Add((token.Start, token.End));
            }

            groups[^1].Add(i);
            spans[^1] = (Math.Min(spans[^1].Start, token.Start), Math.Max(spans[^1].End, token.End));
            previousEnd = coversText ? token.End : -1;
            if (sentenceStarts is not null && coversText) previousSentence = SentenceOf(sentenceStarts, FirstNonSpace(text, token.Start, token.End));
        }

        return new Sources(groups.Select(g => g.ToArray()).ToArray(), spans.Select(s => Slice(text, s.Start, s.End)).ToArray());
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
        return new Sources(kept.Select(s => groups[s].ToArray()).ToArray(), kept.Select(s => Slice(text, spans[s].Start, spans[s].End)).ToArray());
    }

    private static bool IsSpaceAt(string text, int index) => index >= 0 && index < text.Length && char.IsWhiteSpace(text[index]);

    private static int FirstNonSpace(string text, int start, int end)
    {
        for (var c = start; c < end && c < text.Length; c++)
            if (!char.IsWhiteSpace(text[c])) return c;
        return start;
    }

    /// <summary>Character indices where a sentence starts, ascending, beginning with 0.</summary>
    private static List<int> SentenceStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var c = 0; c < text.Length; c++)
        {
            var boundary = text[c] == '\n' || (text[c] is '.' or '!' or '?' && c + 1 < text.Length && char.IsWhiteSpace(text[c + 1]));
            if (!boundary) continue;
            var next = c + 1;
            while (next < text.Length && char.IsWhiteSpace(text[next])) next++;
            if (next < text.Length && next > starts[^1]) starts.Add(next);
        }

        return starts;
    }

    private static int SentenceOf(List<int> starts, int charIndex)
    {
        var found = starts.BinarySearch(charIndex);
        return found >= 0 ? found : ~found - 1;
    }

    private static string Slice(string text, int start, int end) =>
        start >= 0 && end <= text.Length && end > start ? text[start..end] : "";
}
