namespace Harness.Models.Tokenization.Decoders;

/// <summary>
/// Removes up to <see cref="Start"/> leading and <see cref="Stop"/> trailing copies of a character
/// from every token; tokenizer.json type <c>Strip</c>.
/// </summary>
internal sealed class StripDecoder(string content, int start, int stop) : Decoder
{
    /// <summary>The character removed (one code point).</summary>
    public string Content { get; } = content ?? throw new ArgumentNullException(nameof(content));

    /// <summary>How many leading copies may be removed.</summary>
    public int Start { get; } = start;

    /// <summary>How many trailing copies may be removed.</summary>
    public int Stop { get; } = stop;

    /// <inheritdoc />
    public override List<string> DecodeChain(List<string> tokens)
    {
        var output = new List<string>(tokens.Count);
        foreach (string token in tokens)
        {
            int from = 0, to = token.Length;
            for (int i = 0; i < Start && from < to && string.CompareOrdinal(token, from, Content, 0, Content.Length) == 0; i++)
                from += Content.Length;
            for (int i = 0; i < Stop && to - Content.Length >= from && string.CompareOrdinal(token, to - Content.Length, Content, 0, Content.Length) == 0; i++)
                to -= Content.Length;
            output.Add(token[from..to]);
        }
        return output;
    }
}
