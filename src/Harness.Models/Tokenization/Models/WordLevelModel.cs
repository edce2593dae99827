namespace Harness.Models.Tokenization.Models;

/// <summary>Looks every word up whole, else emits the unknown token; tokenizer.json type <c>WordLevel</c>.</summary>
internal sealed class WordLevelModel : TokenizerModel
{
    private readonly Dictionary<string, int> vocab;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> vocabLookup;
    private readonly Dictionary<int, string> idToToken;

    /// <summary>Builds the model from its vocabulary and unknown token.</summary>
    public WordLevelModel(IReadOnlyDictionary<string, int> vocabulary, string unkToken)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        UnkToken = unkToken ?? throw new ArgumentNullException(nameof(unkToken));
        vocab = new Dictionary<string, int>(vocabulary, StringComparer.Ordinal);
        vocabLookup = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        idToToken = new Dictionary<int, string>(vocab.Count);
        foreach (var (token, id) in vocab) idToToken[id] = token;
    }

    /// <summary>The token emitted for words missing from the vocabulary.</summary>
    public string UnkToken { get; }

    /// <inheritdoc />
    public override int VocabSize => vocab.Count;

    /// <inheritdoc />
    public override int? TokenToId(string token) => vocab.TryGetValue(token, out int id) ? id : null;

    /// <inheritdoc />
    public override string? IdToToken(int id) => idToToken.GetValueOrDefault(id);

    /// <inheritdoc />
    public override void Tokenize(ReadOnlySpan<char> word, List<ModelToken> output)
    {
        if (vocabLookup.TryGetValue(word, out int id))
        {
            output.Add(new ModelToken(id, idToToken[id], 0, word.Length));
            return;
        }
        if (!vocab.TryGetValue(UnkToken, out int unkId))
            throw new InvalidOperationException($"WordLevel: '{word.ToString()}' is not in the vocabulary and the unknown token '{UnkToken}' is not either.");
        output.Add(new ModelToken(unkId, UnkToken, 0, word.Length));
    }
}
