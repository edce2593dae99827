namespace Harness.Models.Tokenization.Normalizers;

/// <summary>Rewrites text as GPT-2 byte-level characters; tokenizer.json type <c>ByteLevel</c> (normalizer).</summary>
internal sealed class ByteLevelNormalizer : Normalizer
{
    /// <inheritdoc />
    public override NormalizedString Normalize(NormalizedString input) => ByteLevelAlphabet.Transform(input);
}
