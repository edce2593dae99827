namespace Harness.Models.Tokenization.PostProcessors;

/// <summary>
/// GPT-2's post-processor: adds no tokens; when <c>trim_offsets</c>, offsets leave out the
/// spaces a token starts or ends with; tokenizer.json type <c>ByteLevel</c> (post-processor).
/// </summary>
internal sealed class ByteLevelPostProcessor(bool trimOffsets, bool addPrefixSpace) : PostProcessor
{
    /// <summary>Whether offsets are trimmed.</summary>
    public bool TrimOffsets { get; } = trimOffsets;

    /// <summary>Whether the pre-tokenizer added a prefix space (kept in the first token's offsets).</summary>
    public bool AddPrefixSpace { get; } = addPrefixSpace;

    /// <inheritdoc />
    public override Encoding Process(Encoding encoding, bool addSpecialTokens)
        => TrimOffsets ? ByteLevelOffsetTrimmer.Trim(encoding, AddPrefixSpace) : encoding;
}
