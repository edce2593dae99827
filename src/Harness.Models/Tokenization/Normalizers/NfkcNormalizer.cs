namespace Harness.Models.Tokenization.Normalizers;

/// <summary>Unicode normalization form NFKC (compatibility decomposition then canonical composition); tokenizer.json type <c>NFKC</c>.</summary>
internal sealed class NfkcNormalizer : Normalizer
{
    /// <inheritdoc />
    public override NormalizedString Normalize(NormalizedString input)
        => UnicodeNormalization.Apply(input, compose: true, compatibility: true);
}
