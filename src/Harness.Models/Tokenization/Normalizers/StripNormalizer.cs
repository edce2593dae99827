namespace Harness.Models.Tokenization.Normalizers;

/// <summary>Removes leading and/or trailing whitespace; tokenizer.json type <c>Strip</c>.</summary>
internal sealed class StripNormalizer(bool stripLeft, bool stripRight) : Normalizer
{
    /// <summary>Whether leading whitespace is removed.</summary>
    public bool StripLeft { get; } = stripLeft;

    /// <summary>Whether trailing whitespace is removed.</summary>
    public bool StripRight { get; } = stripRight;

    /// <inheritdoc />
    public override NormalizedString Normalize(NormalizedString input)
    {
        ReadOnlySpan<char> span = input.Span;
        int start = 0, end = span.Length;
        if (StripLeft)
            while (start < end && char.IsWhiteSpace(span[start])) start++;
        if (StripRight)
            while (end > start && char.IsWhiteSpace(span[end - 1])) end--;
        return input.Slice(start, end);
    }
}
