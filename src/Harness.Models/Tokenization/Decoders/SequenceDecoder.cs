namespace Harness.Models.Tokenization.Decoders;

/// <summary>Feeds the tokens through decoders one after the other; tokenizer.json type <c>Sequence</c>.</summary>
internal sealed class SequenceDecoder(IReadOnlyList<Decoder> decoders) : Decoder
{
    /// <summary>The decoders, in order.</summary>
    public IReadOnlyList<Decoder> Decoders { get; } = decoders ?? throw new ArgumentNullException(nameof(decoders));

    /// <inheritdoc />
    public override List<string> DecodeChain(List<string> tokens)
    {
        foreach (var decoder in Decoders) tokens = decoder.DecodeChain(tokens);
        return tokens;
    }
}
