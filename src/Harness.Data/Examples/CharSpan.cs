namespace Harness.Data.Examples;

/// <summary>A half-open character span [Start, End) of a string (UTF-16 indices, as tokenizer offsets).</summary>
public readonly record struct CharSpan(int Start, int End)
{
    /// <summary>Number of characters, End - Start.</summary>
    public int Length => End - Start;

    /// <summary>Whether character <paramref name="index"/> lies in [Start, End).</summary>
    public bool Contains(int index) => index >= Start && index < End;

    /// <summary>The span as "[Start, End)".</summary>
    public override string ToString() => $"[{Start}, {End})";
}
