namespace Harness.Models.Tokenization.Normalizers;

/// <summary>Puts a fixed string in front of non-empty text (Llama's "▁"); tokenizer.json type <c>Prepend</c>.</summary>
internal sealed class PrependNormalizer(string prepend) : Normalizer
{
    /// <summary>The string put in front.</summary>
    public string Prepend { get; } = prepend ?? throw new ArgumentNullException(nameof(prepend));

    /// <inheritdoc />
    public override NormalizedString Normalize(NormalizedString input) => input.Prepend(Prepend);
}
