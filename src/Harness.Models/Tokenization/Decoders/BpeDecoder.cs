namespace Harness.Models.Tokenization.Decoders;

/// <summary>Replaces the end-of-word suffix by a space (nothing after the last token); tokenizer.json type <c>BPEDecoder</c>.</summary>
internal sealed class BpeDecoder(string suffix) : Decoder
{
    /// <summary>The end-of-word suffix (e.g. "&lt;/w&gt;").</summary>
    public string Suffix { get; } = suffix ?? throw new ArgumentNullException(nameof(suffix));

    /// <inheritdoc />
    public override List<string> DecodeChain(List<string> tokens)
    {
        var output = new List<string>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
            output.Add(Suffix.Length == 0 ? tokens[i] : tokens[i].Replace(Suffix, i == tokens.Count - 1 ? "" : " ", StringComparison.Ordinal));
        return output;
    }
}
