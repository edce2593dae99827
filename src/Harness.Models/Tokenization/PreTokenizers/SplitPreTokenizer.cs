namespace Harness.Models.Tokenization.PreTokenizers;

/// <summary>Splits on a string or regex pattern with a delimiter behavior; tokenizer.json type <c>Split</c>.</summary>
internal sealed class SplitPreTokenizer(SplitPattern pattern, SplitDelimiterBehavior behavior, bool invert) : PreTokenizer
{
    /// <summary>What is split on.</summary>
    public SplitPattern Pattern { get; } = pattern ?? throw new ArgumentNullException(nameof(pattern));

    /// <summary>What happens to the matches.</summary>
    public SplitDelimiterBehavior Behavior { get; } = behavior;

    /// <summary>Whether the matches are the words and the rest the delimiters.</summary>
    public bool Invert { get; } = invert;

    /// <inheritdoc />
    public override void PreTokenize(NormalizedString input, List<NormalizedString> output)
        => input.Split(Pattern, Behavior, Invert, output);
}
