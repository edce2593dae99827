namespace Harness.Models.Tokenization.Models;

/// <summary>The settings of a BPE model (tokenizer.json <c>model</c> fields); defaults are the reference's.</summary>
/// <param name="UnkToken">Token for characters missing from the vocabulary; null drops them.</param>
/// <param name="ContinuingSubwordPrefix">Prefix of every non-initial character's vocabulary entry (e.g. "##").</param>
/// <param name="EndOfWordSuffix">Suffix of the last character's vocabulary entry (e.g. "&lt;/w&gt;").</param>
/// <param name="FuseUnk">Whether consecutive unknown characters become one unknown token.</param>
/// <param name="ByteFallback">Whether unknown characters become &lt;0xNN&gt; byte tokens before falling back to the unknown token.</param>
/// <param name="IgnoreMerges">Whether a word that is itself in the vocabulary is emitted whole without merging.</param>
internal sealed record BpeOptions(
    string? UnkToken = null,
    string? ContinuingSubwordPrefix = null,
    string? EndOfWordSuffix = null,
    bool FuseUnk = false,
    bool ByteFallback = false,
    bool IgnoreMerges = false);
