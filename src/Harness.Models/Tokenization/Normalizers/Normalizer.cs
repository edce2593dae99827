namespace Harness.Models.Tokenization.Normalizers;

/// <summary>First stage of the pipeline (tokenizer.json <c>normalizer</c>): rewrites text, keeping alignments.</summary>
public abstract class Normalizer
{
    /// <summary>Returns the normalized text (possibly <paramref name="input"/> itself when nothing changes).</summary>
    public abstract NormalizedString Normalize(NormalizedString input);
}
