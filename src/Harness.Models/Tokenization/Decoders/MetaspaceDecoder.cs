using Harness.Models.Tokenization.PreTokenizers;

namespace Harness.Models.Tokenization.Decoders;

/// <summary>
/// Turns the replacement character back into spaces, dropping it from the first token unless the
/// prepend scheme is Never; tokenizer.json type <c>Metaspace</c> (decoder).
/// </summary>
internal sealed class MetaspaceDecoder(char replacement, PrependScheme prependScheme) : Decoder
{
    /// <summary>The character standing for a space.</summary>
    public char Replacement { get; } = replacement;

    /// <summary>The scheme the pre-tokenizer used.</summary>
    public PrependScheme PrependScheme { get; } = prependScheme;

    /// <inheritdoc />
    public override List<string> DecodeChain(List<string> tokens)
    {
        var output = new List<string>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            output.Add(i == 0 && PrependScheme != PrependScheme.Never
                ? token.Replace(Replacement.ToString(), "", StringComparison.Ordinal)
                : token.Replace(Replacement, ' '));
        }
        return output;
    }
}
