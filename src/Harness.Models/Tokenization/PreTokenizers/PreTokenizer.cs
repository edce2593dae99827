namespace Harness.Models.Tokenization.PreTokenizers;

/// <summary>Second stage (tokenizer.json <c>pre_tokenizer</c>): cuts normalized text into words, each keeping its alignments.</summary>
public abstract class PreTokenizer
{
    /// <summary>Appends the pieces of <paramref name="input"/> to <paramref name="output"/> (empty pieces are dropped).</summary>
    public abstract void PreTokenize(NormalizedString input, List<NormalizedString> output);
}
