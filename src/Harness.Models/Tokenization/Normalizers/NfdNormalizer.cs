namespace Harness.Models.Tokenization.Normalizers;

/// <summary>Unicode normalization form NFD (canonical decomposition); tokenizer.json type <c>NFD</c>.</summary>
internal sealed class NfdNormalizer : Normalizer
{
    /// <inheritdoc />
    public override NormalizedString Normalize(NormalizedString input)
        => UnicodeNormalization.Apply(input, compose: false, compatibility: false);
}
