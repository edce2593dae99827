namespace Harness.Models.Tokenization.Normalizers;

/// <summary>Unicode normalization form NFKD (compatibility decomposition); tokenizer.json type <c>NFKD</c>.</summary>
internal sealed class NfkdNormalizer : Normalizer
{
    /// <inheritdoc />
    public override NormalizedString Normalize(NormalizedString input)
        => UnicodeNormalization.Apply(input, compose: false, compatibility: true);
}
