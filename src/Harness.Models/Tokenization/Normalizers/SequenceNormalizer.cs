namespace Harness.Models.Tokenization.Normalizers;

/// <summary>Applies normalizers one after the other; tokenizer.json type <c>Sequence</c>.</summary>
internal sealed class SequenceNormalizer(IReadOnlyList<Normalizer> normalizers) : Normalizer
{
    /// <summary>The normalizers, in order.</summary>
    public IReadOnlyList<Normalizer> Normalizers { get; } = normalizers ?? throw new ArgumentNullException(nameof(normalizers));

    /// <inheritdoc />
    public override NormalizedString Normalize(NormalizedString input)
    {
        foreach (var normalizer in Normalizers) input = normalizer.Normalize(input);
        return input;
    }
}
