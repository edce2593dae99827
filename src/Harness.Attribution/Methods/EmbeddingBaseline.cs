using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Harness.Attribution.Methods;

/// <summary>
/// Where integrated gradients' path starts on the attributed region (spec option `baseline`):
/// `token:&lt;id&gt;`, the embedding of that token at every position (Captum's LLMGradientAttribution:
/// token id 0, the layer output for TextTokenInput's baselines 0; Inseq: the unk token), or `zero`,
/// the zero embedding (ReAGent's own integrated-gradients rationalizer).
/// </summary>
public sealed record EmbeddingBaseline : IParsable<EmbeddingBaseline>
{
    private EmbeddingBaseline(long? tokenId) => TokenId = tokenId;

    /// <summary>The token whose embedding is the baseline; null for the zero embedding.</summary>
    public long? TokenId { get; }

    /// <summary>The zero embedding at every position (ReAGent's integrated-gradients baseline).</summary>
    public static EmbeddingBaseline Zero { get; } = new((long?)null);

    /// <summary>The embedding of token <paramref name="id"/> at every position; a negative id throws.</summary>
    public static EmbeddingBaseline Token(long id) =>
        id >= 0 ? new EmbeddingBaseline(id) : throw new ArgumentOutOfRangeException(nameof(id), id, "a token id is not negative");

    /// <summary>The option's YAML form: `zero` or `token:&lt;id&gt;` (what <see cref="Parse"/> reads).</summary>
    public override string ToString() => TokenId is { } id ? $"token:{id}" : "zero";

    /// <summary>Reads `zero` or `token:&lt;id&gt;`; anything else throws a <see cref="FormatException"/>.</summary>
    public static EmbeddingBaseline Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var baseline) ? baseline : throw new FormatException($"'{s}' is not a baseline: expected zero or token:<id>");

    /// <summary>Reads `zero` or `token:&lt;id&gt;` into <paramref name="result"/>; false for anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out EmbeddingBaseline result)
    {
        result = null;
        if (s is null) return false;
        if (s.Trim() == "zero")
        {
            result = Zero;
            return true;
        }

        const string Prefix = "token:";
        if (!s.Trim().StartsWith(Prefix, StringComparison.Ordinal)
            || !long.TryParse(s.Trim()[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
        result = new EmbeddingBaseline(id);
        return true;
    }
}
