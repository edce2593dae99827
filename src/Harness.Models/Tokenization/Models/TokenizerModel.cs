namespace Harness.Models.Tokenization.Models;

/// <summary>Third stage (tokenizer.json <c>model</c>): turns one pre-tokenized word into vocabulary tokens.</summary>
public abstract class TokenizerModel
{
    /// <summary>Number of entries in the model's own vocabulary (added tokens not counted).</summary>
    public abstract int VocabSize { get; }

    /// <summary>Appends the tokens of <paramref name="word"/> to <paramref name="output"/>; offsets are relative to the word.</summary>
    public abstract void Tokenize(ReadOnlySpan<char> word, List<ModelToken> output);

    /// <summary>The id of <paramref name="token"/> in the model's vocabulary, if present.</summary>
    public abstract int? TokenToId(string token);

    /// <summary>The vocabulary string of <paramref name="id"/>, if present.</summary>
    public abstract string? IdToToken(int id);
}
