namespace Harness.Models.Tokenization.Decoders;

/// <summary>
/// Glues "##" pieces to the previous token and separates the others by a space, optionally
/// undoing BERT's spacing around punctuation; tokenizer.json type <c>WordPiece</c> (decoder).
/// </summary>
internal sealed class WordPieceDecoder(string prefix, bool cleanup) : Decoder
{
    /// <summary>The continuing-piece prefix.</summary>
    public string Prefix { get; } = prefix ?? throw new ArgumentNullException(nameof(prefix));

    /// <summary>Whether " ." and the like are tidied up.</summary>
    public bool Cleanup { get; } = cleanup;

    /// <inheritdoc />
    public override List<string> DecodeChain(List<string> tokens)
    {
        var output = new List<string>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (i != 0)
                token = token.StartsWith(Prefix, StringComparison.Ordinal) ? token[Prefix.Length..] : " " + token;
            if (Cleanup) token = CleanUpText(token);
            output.Add(token);
        }
        return output;
    }

    /// <summary>Source: Hugging Face tokenizers decoders/wordpiece.rs <c>cleanup</c>.</summary>
    internal static string CleanUpText(string text) => text
        .Replace(" .", ".", StringComparison.Ordinal).Replace(" ?", "?", StringComparison.Ordinal)
        .Replace(" !", "!", StringComparison.Ordinal).Replace(" ,", ",", StringComparison.Ordinal)
        .Replace(" ' ", "'", StringComparison.Ordinal).Replace(" n't", "n't", StringComparison.Ordinal)
        .Replace(" 'm", "'m", StringComparison.Ordinal).Replace(" do not", " don't", StringComparison.Ordinal)
        .Replace(" 's", "'s", StringComparison.Ordinal).Replace(" 've", "'ve", StringComparison.Ordinal)
        .Replace(" 're", "'re", StringComparison.Ordinal);
}
