namespace Harness.Models.Tokenization.Normalizers;

/// <summary>Unicode normalization form NFC (canonical composition); tokenizer.json type <c>NFC</c>.</summary>
internal sealed class NfcNormalizer : Normalizer
{
    /// <inheritdoc />
    public override NormalizedString Normalize(NormalizedString input)
        => UnicodeNormalization.Apply(input, compose: true, compatibility: false);
}
