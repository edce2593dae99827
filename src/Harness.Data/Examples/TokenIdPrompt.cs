using Harness.Models.Tokenization;

namespace Harness.Data.Examples;

/// <summary>
/// Renders a pre-tokenized example (<see cref="Example.PromptIds"/>) as text with the model's tokenizer, so the rest
/// of the pipeline (regions, sources, rationale, reports) works on characters as for any other example. The ids are
/// decoded one more at a time: token i covers what decoding the first i + 1 ids adds to decoding the first i (without
/// the whitespace the decoder puts between tokens), so the text reads as the tokenizer decodes the whole prompt and no
/// id is re-encoded. Token spans [start, end) become the characters of those tokens.
/// </summary>
public static class TokenIdPrompt
{
    /// <returns>The example with its decoded prompt and character spans, and the encoding whose ids are exactly
    /// <see cref="Example.PromptIds"/> with each token's span in that prompt.</returns>
    public static (Example Example, Encoding Encoding) Render(Example example, Tokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var ids = example.PromptIds ?? throw new ArgumentException($"example '{example.Id}' has text, not token ids", nameof(example));
        var tokens = new List<Token>(ids.Count);
        var text = "";
        for (var i = 0; i < ids.Count; i++)
        {
            var longer = tokenizer.Decode(ids.Take(i + 1).ToList(), skipSpecialTokens: false);
            // A byte-level token that ends inside a character decodes to a replacement character the next id may
            // complete: the new token starts where the two decodings part, the earlier ones never past it.
            var start = CommonPrefix(text, longer);
            for (var t = 0; t < tokens.Count; t++)
                if (tokens[t].End > start) tokens[t] = tokens[t] with { Offsets = Math.Min(tokens[t].Start, start)..start };
            var piece = longer[start..];
            var lead = piece.Length - piece.TrimStart().Length;
            if (lead == piece.Length) lead = 0; // a whitespace token covers its whitespace
            tokens.Add(new Token(ids[i], piece, (start + lead)..longer.Length));
            text = longer;
        }

        CharSpan Chars(CharSpan span) => new(tokens[span.Start].Start, tokens[span.End - 1].End);
        var rendered = example with
        {
            Prompt = text,
            Rationale = example.Rationale.Select(Chars).ToList(),
            Region = example.Region is { } region ? Chars(region) : null,
            Sources = example.Sources.Select(Chars).ToList(),
        };
        return (rendered, new Encoding(text, tokens, new int[tokens.Count], new int[tokens.Count]));
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }
}
