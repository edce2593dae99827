namespace Harness.Models.Tokenization.Models;

/// <summary>
/// BERT's WordPiece: greedy longest-match-first over the word, non-initial pieces carrying the
/// continuing prefix ("##"); the whole word becomes the unknown token when any part fails or it
/// is too long; tokenizer.json type <c>WordPiece</c>.
/// </summary>
internal sealed class WordPieceModel : TokenizerModel
{
    private readonly Dictionary<string, int> vocab;
    private readonly Dictionary<int, string> idToToken;

    /// <summary>Builds the model.</summary>
    public WordPieceModel(IReadOnlyDictionary<string, int> vocabulary, string unkToken, string continuingSubwordPrefix, int maxInputCharsPerWord)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        UnkToken = unkToken ?? throw new ArgumentNullException(nameof(unkToken));
        ContinuingSubwordPrefix = continuingSubwordPrefix ?? throw new ArgumentNullException(nameof(continuingSubwordPrefix));
        MaxInputCharsPerWord = maxInputCharsPerWord;
        vocab = new Dictionary<string, int>(vocabulary, StringComparer.Ordinal);
        idToToken = new Dictionary<int, string>(vocab.Count);
        foreach (var (token, id) in vocab) idToToken[id] = token;
    }

    /// <summary>The token for words that cannot be split.</summary>
    public string UnkToken { get; }

    /// <summary>Prefix of non-initial pieces.</summary>
    public string ContinuingSubwordPrefix { get; }

    /// <summary>Words longer than this (in characters) become the unknown token.</summary>
    public int MaxInputCharsPerWord { get; }

    /// <inheritdoc />
    public override int VocabSize => vocab.Count;

    /// <inheritdoc />
    public override int? TokenToId(string token) => vocab.TryGetValue(token, out int id) ? id : null;

    /// <inheritdoc />
    public override string? IdToToken(int id) => idToToken.GetValueOrDefault(id);

    /// <inheritdoc />
    public override void Tokenize(ReadOnlySpan<char> word, List<ModelToken> output)
    {
        int characters = 0;
        foreach (var _ in word.EnumerateRunes()) characters++;
        if (characters > MaxInputCharsPerWord)
        {
            AddUnknown(word, output);
            return;
        }

        int first = output.Count;
        int start = 0;
        while (start < word.Length)
        {
            int end = word.Length;
            bool found = false;
            while (start < end)
            {
                string candidate = start > 0
                    ? string.Concat(ContinuingSubwordPrefix, word[start..end])
                    : word[start..end].ToString();
                if (vocab.TryGetValue(candidate, out int id))
                {
                    output.Add(new ModelToken(id, candidate, start, end));
                    found = true;
                    break;
                }
                end -= end >= 2 && char.IsLowSurrogate(word[end - 1]) && char.IsHighSurrogate(word[end - 2]) ? 2 : 1;
            }
            if (!found)
            {
                output.RemoveRange(first, output.Count - first);
                AddUnknown(word, output);
                return;
            }
            start = end;
        }
    }

    private void AddUnknown(ReadOnlySpan<char> word, List<ModelToken> output)
    {
        if (!vocab.TryGetValue(UnkToken, out int unkId))
            throw new InvalidOperationException($"WordPiece: the unknown token '{UnkToken}' is not in the vocabulary.");
        output.Add(new ModelToken(unkId, UnkToken, 0, word.Length));
    }
}
