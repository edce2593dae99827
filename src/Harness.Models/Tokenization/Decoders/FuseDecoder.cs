namespace Harness.Models.Tokenization.Decoders;

/// <summary>Concatenates all tokens into one; tokenizer.json type <c>Fuse</c>.</summary>
internal sealed class FuseDecoder : Decoder
{
    /// <inheritdoc />
    public override List<string> DecodeChain(List<string> tokens) => [string.Concat(tokens)];
}
