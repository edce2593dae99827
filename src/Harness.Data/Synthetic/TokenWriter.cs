using Harness.Data.Examples;

namespace Harness.Data.Synthetic;

/// <summary>Writes a synthetic prompt as space-separated tokens (punctuation stands apart, as in
/// SST-2's tokenised text, so a whitespace split is the WordLevel tokenisation) and returns the span
/// of each marked word.</summary>
internal sealed class TokenWriter
{
    private readonly PromptBuilder builder = new();
    private bool atLineStart = true;

    public int Length => builder.Length;

    /// <summary>Appends space-separated tokens, e.g. "the lamp costs".</summary>
    public TokenWriter Words(string tokens)
    {
        Separate();
        builder.Append(tokens);
        return this;
    }

    /// <summary>Appends one word and returns its span.</summary>
    public CharSpan Mark(string word)
    {
        Separate();
        return builder.AppendMarked(word);
    }

    public TokenWriter NewLine()
    {
        builder.Append("\n");
        atLineStart = true;
        return this;
    }

    public override string ToString() => builder.ToString();

    private void Separate()
    {
        if (!atLineStart) builder.Append(" ");
        atLineStart = false;
    }
}
