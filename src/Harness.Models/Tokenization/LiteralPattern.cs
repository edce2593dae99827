namespace Harness.Models.Tokenization;

/// <summary>Every occurrence of a literal string, left to right (tokenizer.json <c>{"String": "..."}</c>).</summary>
internal sealed class LiteralPattern(string value) : SplitPattern
{
    /// <summary>The string searched for; an empty one matches nothing.</summary>
    public string Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    /// <inheritdoc />
    public override void FindMatches(ReadOnlySpan<char> input, List<(int Start, int End)> matches)
    {
        if (Value.Length == 0) return;
        int position = 0;
        while (position <= input.Length - Value.Length)
        {
            int found = input[position..].IndexOf(Value.AsSpan(), StringComparison.Ordinal);
            if (found < 0) break;
            int start = position + found;
            matches.Add((start, start + Value.Length));
            position = start + Value.Length;
        }
    }
}
