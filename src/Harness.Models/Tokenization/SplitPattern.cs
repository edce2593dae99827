namespace Harness.Models.Tokenization;

/// <summary>Something to find in a text: a literal string, a regular expression or a character class.</summary>
public abstract class SplitPattern
{
    /// <summary>
    /// Appends the matches in <paramref name="input"/>, left to right and not overlapping, as
    /// [start, end) UTF-16 ranges that never cut a surrogate pair.
    /// </summary>
    public abstract void FindMatches(ReadOnlySpan<char> input, List<(int Start, int End)> matches);
}
