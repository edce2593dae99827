namespace Harness.Models.Tokenization.PostProcessors;

/// <summary>Last encoding stage (tokenizer.json <c>post_processor</c>): adds special tokens and/or adjusts offsets.</summary>
public abstract class PostProcessor
{
    /// <summary>Processes the encoding of one sequence; special tokens are only added when <paramref name="addSpecialTokens"/>.</summary>
    public abstract Encoding Process(Encoding encoding, bool addSpecialTokens);
}
