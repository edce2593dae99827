namespace Harness.Models.Tokenization.PreTokenizers;

/// <summary>
/// Keeps runs of word characters and runs of other non-space characters (<c>\w+|[^\w\s]+</c>,
/// with the Rust regex crate's Unicode <c>\w</c>, which the reference uses here); tokenizer.json type <c>Whitespace</c>.
/// </summary>
internal sealed class WhitespacePreTokenizer : PreTokenizer
{
    private readonly RegexPattern words = new(
        $"[{RegexPattern.RustRegexWordClass}]+|[^{RegexPattern.RustRegexWordClass}\\s]+", translateFromOniguruma: false);

    /// <inheritdoc />
    public override void PreTokenize(NormalizedString input, List<NormalizedString> output)
        => input.Split(words, SplitDelimiterBehavior.Removed, invert: true, output);
}
