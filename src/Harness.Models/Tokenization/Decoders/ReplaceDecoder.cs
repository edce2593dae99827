namespace Harness.Models.Tokenization.Decoders;

/// <summary>Replaces a pattern in every token (Llama's "▁" back to " "); tokenizer.json type <c>Replace</c>.</summary>
internal sealed class ReplaceDecoder(SplitPattern pattern, string content) : Decoder
{
    /// <summary>What is replaced.</summary>
    public SplitPattern Pattern { get; } = pattern ?? throw new ArgumentNullException(nameof(pattern));

    /// <summary>The replacement text.</summary>
    public string Content { get; } = content ?? throw new ArgumentNullException(nameof(content));

    /// <inheritdoc />
    public override List<string> DecodeChain(List<string> tokens)
    {
        var output = new List<string>(tokens.Count);
        var matches = new List<(int Start, int End)>();
        foreach (string token in tokens)
        {
            matches.Clear();
            Pattern.FindMatches(token, matches);
            if (matches.Count == 0)
            {
                output.Add(token);
                continue;
            }
            var builder = new System.Text.StringBuilder(token.Length);
            int previous = 0;
            foreach (var (start, end) in matches)
            {
                builder.Append(token, previous, start - previous).Append(Content);
                previous = end;
            }
            builder.Append(token, previous, token.Length - previous);
            output.Add(builder.ToString());
        }
        return output;
    }
}
