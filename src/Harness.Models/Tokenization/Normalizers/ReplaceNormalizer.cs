namespace Harness.Models.Tokenization.Normalizers;

/// <summary>Replaces every match of a string or regex pattern; tokenizer.json type <c>Replace</c>.</summary>
internal sealed class ReplaceNormalizer(SplitPattern pattern, string content) : Normalizer
{
    /// <summary>What is replaced.</summary>
    public SplitPattern Pattern { get; } = pattern ?? throw new ArgumentNullException(nameof(pattern));

    /// <summary>The replacement text.</summary>
    public string Content { get; } = content ?? throw new ArgumentNullException(nameof(content));

    /// <inheritdoc />
    public override NormalizedString Normalize(NormalizedString input) => input.Replace(Pattern, Content);
}
