namespace Harness.Models.Tokenization.PostProcessors;

/// <summary>
/// RoBERTa's "&lt;s&gt; $A &lt;/s&gt;", with byte-level offset trimming when <c>trim_offsets</c>;
/// tokenizer.json type <c>RobertaProcessing</c>.
/// </summary>
public sealed class RobertaProcessing(Token cls, Token sep, bool trimOffsets, bool addPrefixSpace) : PostProcessor
{
    /// <summary>The token put first.</summary>
    public Token Cls { get; } = cls;

    /// <summary>The token put last.</summary>
    public Token Sep { get; } = sep;

    /// <summary>Whether offsets leave out leading/trailing spaces.</summary>
    public bool TrimOffsets { get; } = trimOffsets;

    /// <summary>Whether a prefix space was added (kept in the first token's offsets).</summary>
    public bool AddPrefixSpace { get; } = addPrefixSpace;

    /// <inheritdoc />
    public override Encoding Process(Encoding encoding, bool addSpecialTokens)
    {
        if (TrimOffsets) encoding = ByteLevelOffsetTrimmer.Trim(encoding, AddPrefixSpace);
        return addSpecialTokens ? BertProcessing.Surround(encoding, Cls, Sep) : encoding;
    }
}
