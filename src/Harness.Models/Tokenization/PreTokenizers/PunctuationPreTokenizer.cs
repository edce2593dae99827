namespace Harness.Models.Tokenization.PreTokenizers;

/// <summary>Splits on every punctuation character with a delimiter behavior; tokenizer.json type <c>Punctuation</c>.</summary>
internal sealed class PunctuationPreTokenizer(SplitDelimiterBehavior behavior) : PreTokenizer
{
    private readonly CharacterClassPattern punctuation = new(PunctuationCharacters.IsPunctuation);

    /// <summary>What happens to the punctuation.</summary>
    public SplitDelimiterBehavior Behavior { get; } = behavior;

    /// <inheritdoc />
    public override void PreTokenize(NormalizedString input, List<NormalizedString> output)
        => input.Split(punctuation, Behavior, invert: false, output);
}
