using Harness.Models.Tokenization.Decoders;
using Harness.Models.Tokenization.Models;
using Harness.Models.Tokenization.Normalizers;
using Harness.Models.Tokenization.PostProcessors;
using Harness.Models.Tokenization.PreTokenizers;

namespace Harness.Models.Tokenization;

/// <summary>
/// A Hugging Face tokenizer pipeline: added tokens are cut out of the raw text, each remaining
/// segment is normalized, cut again on normalized added tokens, pre-tokenized into words, and each
/// word turned into tokens by the model; the post-processor then adds special tokens. Every token
/// keeps its span of the original text. Thread-safe once built.
/// </summary>
public sealed class Tokenizer
{
    private readonly AddedVocabulary addedVocabulary;

    /// <summary>Assembles a pipeline; <see cref="FromFile"/> builds one from tokenizer.json.</summary>
    public Tokenizer(TokenizerModel model, IReadOnlyList<AddedToken> addedTokens, Normalizer? normalizer = null,
        PreTokenizer? preTokenizer = null, PostProcessor? postProcessor = null, Decoder? decoder = null)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        ArgumentNullException.ThrowIfNull(addedTokens);
        Normalizer = normalizer;
        PreTokenizer = preTokenizer;
        PostProcessor = postProcessor;
        Decoder = decoder;
        addedVocabulary = new AddedVocabulary(addedTokens, model, normalizer);
        AddedTokens = addedVocabulary.Tokens;
        SpecialTokens = AddedTokens.Where(t => t.Special).ToArray();
        VocabSize = model.VocabSize + AddedTokens.Select(t => t.Content).Distinct(StringComparer.Ordinal).Count(c => model.TokenToId(c) is null);
    }

    /// <summary>The normalizer, if any.</summary>
    public Normalizer? Normalizer { get; }

    /// <summary>The pre-tokenizer, if any.</summary>
    public PreTokenizer? PreTokenizer { get; }

    /// <summary>The model.</summary>
    public TokenizerModel Model { get; }

    /// <summary>The post-processor, if any.</summary>
    public PostProcessor? PostProcessor { get; }

    /// <summary>The decoder, if any (without one, tokens are joined with spaces).</summary>
    public Decoder? Decoder { get; }

    /// <summary>The added tokens (special or not), with the ids they resolve to.</summary>
    public IReadOnlyList<AddedToken> AddedTokens { get; }

    /// <summary>The added tokens marked special (removed by <c>Decode(..., skipSpecialTokens: true)</c>).</summary>
    public IReadOnlyList<AddedToken> SpecialTokens { get; }

    /// <summary>Vocabulary size including added tokens (distinct token strings), as <c>get_vocab_size(true)</c>.</summary>
    public int VocabSize { get; }

    /// <summary>Loads a tokenizer.json file; see <see cref="TokenizerJsonLoader"/> for what is supported.</summary>
    public static Tokenizer FromFile(string path) => TokenizerJsonLoader.Load(path);

    /// <summary>The id of a token string (added tokens first, then the model vocabulary).</summary>
    public int? TokenToId(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return addedVocabulary.FindByContent(token)?.Id ?? Model.TokenToId(token);
    }

    /// <summary>The token string of an id (added tokens first, then the model vocabulary).</summary>
    public string? IdToToken(int id) => addedVocabulary.FindById(id)?.Content ?? Model.IdToToken(id);

    /// <summary>Whether <paramref name="id"/> is a special added token.</summary>
    public bool IsSpecialToken(int id) => addedVocabulary.FindById(id) is { Special: true };

    /// <summary>
    /// Encodes one text. Added tokens written in the text are always matched as single tokens;
    /// <paramref name="addSpecialTokens"/> only decides whether the post-processor adds its own
    /// (BOS and the like, with offsets 0..0 and special-tokens mask 1).
    /// </summary>
    public Encoding Encode(string text, bool addSpecialTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>(text.Length / 3 + 4);
        var rawSplits = new List<(int Start, int End, AddedToken? Token)>();
        var normalizedSplits = new List<(int Start, int End, AddedToken? Token)>();
        var words = new List<NormalizedString>();
        var modelTokens = new List<ModelToken>();

        addedVocabulary.Split(text, normalized: false, rawSplits);
        foreach (var (start, end, added) in rawSplits)
        {
            if (added is not null)
            {
                tokens.Add(new Token(added.Id, text[start..end], start..end));
                continue;
            }
            var segment = NormalizedString.FromOriginal(text, start, end);
            if (Normalizer is not null) segment = Normalizer.Normalize(segment);

            normalizedSplits.Clear();
            addedVocabulary.Split(segment.Span, normalized: true, normalizedSplits);
            foreach (var (pieceStart, pieceEnd, normalizedAdded) in normalizedSplits)
            {
                if (normalizedAdded is not null)
                {
                    var (originalStart, originalEnd) = segment.ToOriginal(pieceStart, pieceEnd);
                    tokens.Add(new Token(normalizedAdded.Id, segment.Span[pieceStart..pieceEnd].ToString(), originalStart..originalEnd));
                    continue;
                }
                var piece = segment.Slice(pieceStart, pieceEnd);
                words.Clear();
                if (PreTokenizer is null) words.Add(piece);
                else PreTokenizer.PreTokenize(piece, words);
                foreach (var word in words)
                {
                    modelTokens.Clear();
                    Model.Tokenize(word.Span, modelTokens);
                    foreach (var token in modelTokens)
                    {
                        var (originalStart, originalEnd) = word.ToOriginal(token.Start, token.End);
                        tokens.Add(new Token(token.Id, token.Value, originalStart..originalEnd));
                    }
                }
            }
        }

        var zeros = new int[tokens.Count];
        var encoding = new Encoding(text, tokens, zeros, zeros);
        return PostProcessor is null ? encoding : PostProcessor.Process(encoding, addSpecialTokens);
    }

    /// <summary>
    /// Turns ids back into text through the decoder. Unknown ids are ignored; special added
    /// tokens are dropped when <paramref name="skipSpecialTokens"/>.
    /// </summary>
    public string Decode(IReadOnlyList<int> ids, bool skipSpecialTokens)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var tokens = new List<string>(ids.Count);
        foreach (int id in ids)
        {
            string? token = IdToToken(id);
            if (token is null) continue;
            if (skipSpecialTokens && addedVocabulary.IsSpecial(token)) continue;
            tokens.Add(token);
        }
        return Decoder is null ? string.Join(" ", tokens) : Decoder.Decode(tokens);
    }
}
