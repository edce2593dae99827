using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Harness.Attribution.Methods;

/// <summary>
/// Where integrated gradients' path starts on the attributed region (spec option `baseline`):
/// `token:&lt;id&gt;`, the embedding of that token at every position (Captum's LLMGradientAttribution:
/// token id 0, the layer output for TextTokenInput's baselines 0; Inseq: the unk token), or `zero`,
/// the zero embedding (ReAGent's own integrated-gradients rationalizer). `token:&lt;id&gt;,keep:&lt;id&gt;` leaves the
/// positions holding the second token at their own embedding: Inseq's baseline keeps the model's eos token
/// (inseq/models/huggingface_model.py, encode: unk everywhere but where the input is eos), which is OPT's and
/// Llama-2's leading token.
/// </summary>
public sealed record EmbeddingBaseline : IParsable<EmbeddingBaseline>
{
    private EmbeddingBaseline(long? tokenId, long? keptTokenId = null) => (TokenId, KeptTokenId) = (tokenId, keptTokenId);

    /// <summary>The token whose embedding is the baseline; null for the zero embedding.</summary>
    public long? TokenId { get; }

    /// <summary>The token whose positions keep their own embedding on the path; null: none.</summary>
    public long? KeptTokenId { get; }

    /// <summary>The zero embedding at every position (ReAGent's integrated-gradients baseline).</summary>
    public static EmbeddingBaseline Zero { get; } = new((long?)null);

    /// <summary>The embedding of token <paramref name="id"/> at every position; a negative id throws.</summary>
    public static EmbeddingBaseline Token(long id) =>
        id >= 0 ? new EmbeddingBaseline(id) : throw new ArgumentOutOfRangeException(nameof(id), id, "a token id is not negative");

    /// <summary>This token baseline, except at the positions holding <paramref name="id"/> (Inseq's kept eos).</summary>
    public EmbeddingBaseline Keeping(long id) => (TokenId, id) switch
    {
        (null, _) => throw new InvalidOperationException("the zero baseline keeps no token"),
        (_, < 0) => throw new ArgumentOutOfRangeException(nameof(id), id, "a token id is not negative"),
        _ => new EmbeddingBaseline(TokenId, id),
    };

    /// <summary>The option's YAML form: `zero`, `token:&lt;id&gt;` or `token:&lt;id&gt;,keep:&lt;id&gt;` (what <see cref="Parse"/> reads).</summary>
    public override string ToString() => (TokenId, KeptTokenId) switch
    {
        (null, _) => "zero",
        ({ } id, null) => $"token:{id}",
        ({ } id, { } kept) => $"token:{id},keep:{kept}",
    };

    /// <summary>Reads `zero`, `token:&lt;id&gt;` or `token:&lt;id&gt;,keep:&lt;id&gt;`; anything else throws a <see cref="FormatException"/>.</summary>
    public static EmbeddingBaseline Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var baseline) ? baseline : throw new FormatException($"'{s}' is not a baseline: expected zero, token:<id> or token:<id>,keep:<id>");

    /// <summary>Reads `zero`, `token:&lt;id&gt;` or `token:&lt;id&gt;,keep:&lt;id&gt;` into <paramref name="result"/>; false for anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out EmbeddingBaseline result)
    {
        result = null;
        if (s is null) return false;
        if (s.Trim() == "zero")
        {
            result = Zero;
            return true;
        }

        var parts = s.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > 2 || !TryId(parts[0], "token:", out var id)) return false;
        long? kept = null;
        if (parts.Length == 2)
        {
            if (!TryId(parts[1], "keep:", out var keep)) return false;
            kept = keep;
        }

        result = new EmbeddingBaseline(id, kept);
        return true;
    }

    private static bool TryId(string part, string prefix, out long id)
    {
        id = 0;
        return part.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(part[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }
}
