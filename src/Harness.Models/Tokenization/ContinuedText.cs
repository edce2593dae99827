using System.Text;

namespace Harness.Models.Tokenization;

/// <summary>A context as text with each token's character span when the context is a prompt's
/// encoding followed by more tokens (generated steps): the prompt's own offsets for its tokens, then
/// each later token decoded on its own and appended ("[id]" without a tokenizer).</summary>
public static class ContinuedText
{
    /// <summary>The text of <paramref name="contextIds"/> and each token's span: <paramref name="prompt"/> with the offsets of its
    /// <paramref name="encoding"/> for the tokens it covers, then the rest decoded by <paramref name="tokenizer"/>.</summary>
    public static (string Text, List<Token> Tokens) Of(string? prompt, Encoding? encoding, IReadOnlyList<long> contextIds, Tokenizer? tokenizer)
    {
        var text = new StringBuilder(prompt ?? "");
        var tokens = new List<Token>();
        for (var i = 0; i < contextIds.Count; i++)
        {
            if (encoding is not null && i < encoding.Count)
            {
                tokens.Add(encoding.Tokens[i]);
                continue;
            }

            var piece = tokenizer is null ? $"[{contextIds[i]}]" : tokenizer.Decode([(int)contextIds[i]], skipSpecialTokens: false);
            tokens.Add(new Token((int)contextIds[i], piece, text.Length..(text.Length + piece.Length)));
            text.Append(piece);
        }

        return (text.ToString(), tokens);
    }
}
