namespace Harness.Models.Tokenization.Decoders;

/// <summary>Turns token strings back into text (tokenizer.json <c>decoder</c>).</summary>
public abstract class Decoder
{
    /// <summary>One step of a decoder chain: token strings in, token strings out (Rust <c>decode_chain</c>).</summary>
    public abstract List<string> DecodeChain(List<string> tokens);

    /// <summary>Decodes and concatenates.</summary>
    public string Decode(List<string> tokens) => string.Concat(DecodeChain(tokens));
}
