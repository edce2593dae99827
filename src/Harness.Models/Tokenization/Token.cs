namespace Harness.Models.Tokenization;

/// <summary>
/// One token of an encoding: its id, its vocabulary string, and the span of the ORIGINAL text it
/// covers in UTF-16 code units (C# string indices); tokens added by the post-processor cover 0..0.
/// </summary>
public readonly record struct Token(int Id, string Text, Range Offsets)
{
    /// <summary>Start of <see cref="Offsets"/> as an index into the original string.</summary>
    public int Start => Offsets.Start.Value;

    /// <summary>End (exclusive) of <see cref="Offsets"/> as an index into the original string.</summary>
    public int End => Offsets.End.Value;
}
