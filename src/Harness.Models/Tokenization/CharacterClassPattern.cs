namespace Harness.Models.Tokenization;

/// <summary>
/// Every single character (code point) a predicate accepts is one match, as Rust's
/// <c>impl Pattern for Fn(char) -> bool</c> (used for whitespace, punctuation and digit splits).
/// </summary>
internal sealed class CharacterClassPattern(Func<int, bool> predicate) : SplitPattern
{
    private readonly Func<int, bool> predicate = predicate ?? throw new ArgumentNullException(nameof(predicate));

    /// <inheritdoc />
    public override void FindMatches(ReadOnlySpan<char> input, List<(int Start, int End)> matches)
    {
        for (int i = 0; i < input.Length;)
        {
            int units = NormalizedString.UnitsAt(input, i, input.Length);
            int codePoint = units == 2 ? char.ConvertToUtf32(input[i], input[i + 1]) : input[i];
            if (predicate(codePoint)) matches.Add((i, i + units));
            i += units;
        }
    }
}
