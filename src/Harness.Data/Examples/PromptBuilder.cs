using System.Text;

namespace Harness.Data.Examples;

/// <summary>Builds a prompt piece by piece and hands back the character span of every piece that is
/// marked, so rationale, region and source spans are exact by construction, never searched for.</summary>
internal sealed class PromptBuilder
{
    private readonly StringBuilder text = new();

    public int Length => text.Length;

    public PromptBuilder Append(string piece)
    {
        text.Append(piece);
        return this;
    }

    /// <summary>Appends <paramref name="piece"/> and returns its span in the prompt.</summary>
    public CharSpan AppendMarked(string piece)
    {
        var start = text.Length;
        text.Append(piece);
        return new CharSpan(start, text.Length);
    }

    public override string ToString() => text.ToString();
}
