using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Harness.Attribution.Core;
using Harness.Torch;

namespace Harness.Attribution.Methods;

/// <summary>
/// Where the path of integrated gradients and gradient_shap starts on the attributed region (spec option `baseline`):
/// `token:&lt;id&gt;`, the embedding of that token at every position (Captum's LLMGradientAttribution: token id 0, the layer
/// output for TextTokenInput's baselines 0), `zero`, the zero embedding (ReAGent's own integrated-gradients
/// rationalizer; gradient_shap's default), or `eos`, the model's eos token (config.json eos_token_id). Inseq's baseline
/// is the unk token everywhere but where the input is the model's eos, which keeps its embedding
/// (inseq/models/huggingface_model.py, encode): `token:&lt;unk&gt;,keep:&lt;eos&gt;`; on GPT-2, GPT-J and OPT, whose unk token is
/// their eos, that is `eos`.
/// </summary>
public sealed record EmbeddingBaseline : IParsable<EmbeddingBaseline>
{
    private EmbeddingBaseline(long? tokenId, long? keptTokenId = null, bool modelEos = false) =>
        (TokenId, KeptTokenId, IsModelEos) = (tokenId, keptTokenId, modelEos);

    /// <summary>The token whose embedding is the baseline; null for the zero embedding or the model's eos.</summary>
    public long? TokenId { get; }

    /// <summary>The token whose positions keep their own embedding on the path; null: none.</summary>
    public long? KeptTokenId { get; }

    /// <summary>Whether the baseline is the model's eos token, known once the model is (<see cref="Resolve"/>).</summary>
    public bool IsModelEos { get; }

    /// <summary>The zero embedding at every position (ReAGent's integrated-gradients baseline).</summary>
    public static EmbeddingBaseline Zero { get; } = new((long?)null);

    /// <summary>The model's eos token at every position (config.json eos_token_id).</summary>
    public static EmbeddingBaseline Eos { get; } = new(null, null, modelEos: true);

    /// <summary>The embedding of token <paramref name="id"/> at every position; a negative id throws.</summary>
    public static EmbeddingBaseline Token(long id) =>
        id >= 0 ? new EmbeddingBaseline(id) : throw new ArgumentOutOfRangeException(nameof(id), id, "a token id is not negative");

    /// <summary>This token baseline, except at the positions holding <paramref name="id"/> (Inseq's kept eos).</summary>
    public EmbeddingBaseline Keeping(long id) => (TokenId, id) switch
    {
        (null, _) => throw new InvalidOperationException($"the {this} baseline keeps no token"),
        (_, < 0) => throw new ArgumentOutOfRangeException(nameof(id), id, "a token id is not negative"),
        _ => new EmbeddingBaseline(TokenId, id),
    };

    /// <summary>This baseline with `eos` replaced by the model's eos token <paramref name="eosTokenId"/>; a model
    /// without one fails naming the option.</summary>
    public EmbeddingBaseline Resolve(long? eosTokenId) => !IsModelEos ? this
        : eosTokenId is { } eos ? Token(eos)
        : throw new AttributionException("baseline eos needs the model's eos_token_id, which its config.json does not give; name the token with token:<id>");

    /// <summary>The input embeddings [1, L, D] with the sources' positions at this (resolved) baseline's, positions
    /// holding the kept token and the rest of the context (region tokens in no source included) at their own.</summary>
    internal Tensor Embeddings(AttributionRun run, Tensor input)
    {
        if (IsModelEos) throw new InvalidOperationException("resolve the eos baseline against the model first");
        var length = input.size(1);
        var regionMask = run.SourcePositionMask(input);                                                 // [1, L, 1]
        if (KeptTokenId is { } kept)
        {
            var context = torch.tensor(run.Request.ContextIds.ToArray(), [1, length, 1], device: input.device);
            regionMask = regionMask.mul(context.ne(kept).to(input.dtype));
        }

        var outside = input.mul(regionMask.neg().add(1));
        if (TokenId is not { } id) return outside;
        if (id >= run.Request.Model.VocabSize)
            throw new AttributionException($"baseline token id {id} is outside the model's vocabulary [0, {run.Request.Model.VocabSize})");
        var ids = torch.tensor(Enumerable.Repeat(id, (int)length).ToArray(), [1, length], device: input.device);
        return outside.add(run.Request.Model.Embed(ids).mul(regionMask));                               // [1, L, D]
    }

    /// <summary>The option's YAML form: `zero`, `eos`, `token:&lt;id&gt;` or `token:&lt;id&gt;,keep:&lt;id&gt;` (what <see cref="Parse"/> reads).</summary>
    public override string ToString() => (TokenId, KeptTokenId, IsModelEos) switch
    {
        (_, _, true) => "eos",
        (null, _, _) => "zero",
        ({ } id, null, _) => $"token:{id}",
        ({ } id, { } kept, _) => $"token:{id},keep:{kept}",
    };

    /// <summary>Reads `zero`, `eos`, `token:&lt;id&gt;` or `token:&lt;id&gt;,keep:&lt;id&gt;`; anything else throws a <see cref="FormatException"/>.</summary>
    public static EmbeddingBaseline Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var baseline) ? baseline : throw new FormatException($"'{s}' is not a baseline: expected zero, eos, token:<id> or token:<id>,keep:<id>");

    /// <summary>Reads `zero`, `eos`, `token:&lt;id&gt;` or `token:&lt;id&gt;,keep:&lt;id&gt;` into <paramref name="result"/>; false for anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out EmbeddingBaseline result)
    {
        result = null;
        if (s is null) return false;
        if (s.Trim() is "zero" or "eos")
        {
            result = s.Trim() == "zero" ? Zero : Eos;
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
