using System.Text;
using Harness.Models.Tokenization.Models;
using Harness.Models.Tokenization.Normalizers;

namespace Harness.Models.Tokenization;

/// <summary>
/// The added tokens of a tokenizer and the two matchers that cut them out of a text: one over the
/// raw text (tokens with <c>normalized: false</c>), one over each normalized segment (the others,
/// whose content is normalized first). Follows Hugging Face tokenizers <c>added_vocabulary.rs</c>.
/// </summary>
internal sealed class AddedVocabulary
{
    private readonly Dictionary<string, AddedToken> byContent = new(StringComparer.Ordinal);
    private readonly Dictionary<int, AddedToken> byId = [];
    private readonly HashSet<string> specialContents = new(StringComparer.Ordinal);
    private readonly AddedTokenTrie rawTrie;
    private readonly AddedToken[] rawTokens;
    private readonly AddedTokenTrie normalizedTrie;
    private readonly AddedToken[] normalizedTokens;

    /// <summary>
    /// Registers <paramref name="tokens"/> as the reference does when it reads tokenizer.json: the
    /// ids in the file are not used. A token already in the model vocabulary takes the model's id;
    /// any other the model's vocabulary size, or one past the largest added id once that is reached.
    /// A repeated content is ignored.
    /// </summary>
    public AddedVocabulary(IReadOnlyList<AddedToken> tokens, TokenizerModel model, Normalizer? normalizer)
    {
        int vocabSize = model.VocabSize;
        int maxAssigned = -1;
        var resolved = new List<AddedToken>(tokens.Count);
        foreach (var token in tokens)
        {
            if (token.Content.Length == 0 || byContent.ContainsKey(token.Content)) continue;
            int id;
            if (model.TokenToId(token.Content) is int modelId) id = modelId;
            else if (maxAssigned < 0) id = vocabSize;
            else id = maxAssigned >= vocabSize || vocabSize == 0 ? maxAssigned + 1 : vocabSize;
            maxAssigned = Math.Max(maxAssigned, id);
            var entry = token with { Id = id };
            byContent[entry.Content] = entry;
            byId[id] = entry;
            if (entry.Special) specialContents.Add(entry.Content);
            resolved.Add(entry);
        }
        Tokens = resolved;

        // Special tokens first, then the others, each in file order (the reference's trie order).
        var ordered = resolved.Where(t => t.Special).Concat(resolved.Where(t => !t.Special)).ToList();
        rawTokens = ordered.Where(t => !t.Normalized).ToArray();
        normalizedTokens = ordered.Where(t => t.Normalized).ToArray();
        rawTrie = new AddedTokenTrie(rawTokens.Select(t => t.Content).ToList());
        normalizedTrie = new AddedTokenTrie(normalizedTokens
            .Select(t => normalizer is null ? t.Content : normalizer.Normalize(NormalizedString.FromOriginal(t.Content, 0, t.Content.Length)).ToString())
            .ToList());
    }

    /// <summary>All added tokens, in file order, with their resolved ids.</summary>
    public IReadOnlyList<AddedToken> Tokens { get; }

    /// <summary>The added token with this id, if any.</summary>
    public AddedToken? FindById(int id) => byId.GetValueOrDefault(id);

    /// <summary>The added token with this content, if any.</summary>
    public AddedToken? FindByContent(string content) => byContent.GetValueOrDefault(content);

    /// <summary>Whether <paramref name="content"/> is a special added token.</summary>
    public bool IsSpecial(string content) => specialContents.Contains(content);

    /// <summary>
    /// Cuts <paramref name="text"/> into pieces covering all of it: (start, end, token) for an
    /// added-token match, (start, end, null) between matches. <paramref name="normalized"/> picks
    /// the matcher: false for the raw text, true for a normalized segment.
    /// </summary>
    public void Split(ReadOnlySpan<char> text, bool normalized, List<(int Start, int End, AddedToken? Token)> output)
    {
        var trie = normalized ? normalizedTrie : rawTrie;
        var tokens = normalized ? normalizedTokens : rawTokens;
        if (text.IsEmpty) return;
        if (trie.IsEmpty)
        {
            output.Add((0, text.Length, null));
            return;
        }

        var matches = new List<(int Start, int End, int Value)>();
        trie.FindAll(text, matches);
        int covered = 0;
        foreach (var (matchStart, matchEnd, value) in matches)
        {
            var token = tokens[value];
            int start = matchStart, end = matchEnd;
            if (token.SingleWord)
            {
                bool spaceBefore = start == 0 || !EndsWithWordCharacter(text[..start]);
                bool spaceAfter = end == text.Length || !StartsWithWordCharacter(text[end..]);
                if (!spaceBefore || !spaceAfter) continue;
            }
            if (token.LStrip)
            {
                int newStart = start;
                while (newStart > 0 && char.IsWhiteSpace(text[newStart - 1])) newStart--;
                start = Math.Max(newStart, covered);
            }
            if (token.RStrip)
            {
                while (end < text.Length && char.IsWhiteSpace(text[end])) end++;
            }
            if (covered < start) output.Add((covered, start, null));
            output.Add((start, end, token));
            covered = end;
        }
        if (covered != text.Length) output.Add((covered, text.Length, null));
    }

    private static bool EndsWithWordCharacter(ReadOnlySpan<char> text)
        => Rune.DecodeLastFromUtf16(text, out Rune rune, out _) == System.Buffers.OperationStatus.Done && IsWordCharacter(rune);

    private static bool StartsWithWordCharacter(ReadOnlySpan<char> text)
        => Rune.DecodeFromUtf16(text, out Rune rune, out _) == System.Buffers.OperationStatus.Done && IsWordCharacter(rune);

    /// <summary>Regex <c>\w</c>: letters, marks, decimal digits and connector punctuation.</summary>
    private static bool IsWordCharacter(Rune rune)
    {
        if (Rune.IsLetterOrDigit(rune)) return true;
        var category = Rune.GetUnicodeCategory(rune);
        return category is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark
            or System.Globalization.UnicodeCategory.EnclosingMark or System.Globalization.UnicodeCategory.ConnectorPunctuation;
    }
}
