using Harness.Data.Synthetic;

namespace Harness.Training;

/// <summary>
/// The token ids the tiny models share: five special tokens in RoBERTa's order (&lt;bos&gt; 0,
/// &lt;pad&gt; 1, &lt;eos&gt; 2, &lt;unk&gt; 3, then &lt;mask&gt; 4), the synthetic tasks' punctuation,
/// then <see cref="SyntheticVocabulary.Words"/> in its ordinal order. The decoder and the masked LM use
/// the same ids, so ReAGent's replacer proposes tokens the decoder reads without any mapping.
/// </summary>
internal static class TinyVocabulary
{
    public const string Bos = "<bos>";
    public const string Pad = "<pad>";
    public const string Eos = "<eos>";
    public const string Unk = "<unk>";
    public const string Mask = "<mask>";

    public const int BosId = 0;
    public const int PadId = 1;
    public const int EosId = 2;
    public const int UnkId = 3;
    public const int MaskId = 4;

    public static readonly IReadOnlyList<string> SpecialTokens = [Bos, Pad, Eos, Unk, Mask];

    /// <summary>Every token by id.</summary>
    public static readonly IReadOnlyList<string> Tokens =
        SpecialTokens.Concat(SyntheticVocabulary.Punctuation).Concat(SyntheticVocabulary.Words).ToList();

    /// <summary>The first id that is not a special token (masked-LM random replacements start here).</summary>
    public static int FirstOrdinaryId => SpecialTokens.Count;

    /// <summary>The first id of <see cref="SyntheticVocabulary.Words"/> (the rest of the ids, to the end).</summary>
    public static int FirstWordId => SpecialTokens.Count + SyntheticVocabulary.Punctuation.Count;
}
