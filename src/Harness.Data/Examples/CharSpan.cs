namespace Harness.Data.Examples;

/// <summary>A half-open character span [Start, End) of a string (UTF-16 indices, as tokenizer offsets).</summary>
public readonly record struct CharSpan(int Start, int End)
{
    public int Length => End - Start;

    public bool Contains(int index) => index >= Start && index < End;

    public override string ToString() => $"[{Start}, {End})";
}
