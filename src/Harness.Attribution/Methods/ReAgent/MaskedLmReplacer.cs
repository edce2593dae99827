using Harness.Attribution.Core;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Methods;

/// <summary>
/// ReAGent's `mlm` replacer: the context text is tokenized once by the masked LM; for each row, every
/// masked-LM token whose span overlaps a replaced context token's span becomes the mask token, and
/// the masked LM runs once on the row (rows batched, halved on out-of-memory). A replaced token's
/// proposals are the masked LM's top k predictions at the first masked-LM token under its span.
/// The two tokenizers differ, so a proposal is mapped back by text: its decoded string, encoded by
/// the attributed model's tokenizer, must give exactly one token that decodes to the same text,
/// which keeps the context's length and every position's meaning; proposals that do not map are dropped and the replacement is drawn
/// among the rest with the masked LM's probabilities renormalised. When none maps, or the token has
/// no text under it (BOS), the replacement is a uniform draw (<see cref="UniformReplacer.Draw"/>),
/// counted in <see cref="Fallbacks"/>. One U(0, 1) draw per replaced token serves either case.
/// Its inputs are made on the masked LM's own device.
/// </summary>
public sealed class MaskedLmReplacer : ITokenReplacer
{
    private readonly MaskedLmReplacerModel maskedLm;
    private readonly IReadOnlyList<long> context;
    private readonly long vocabSize;
    private readonly int topK;
    private readonly int batchSize;
    private readonly long maskId;
    private readonly long[] maskedLmIds;          // the context text in the masked LM's ids, special tokens added
    private readonly int[][] covering;            // per context position, the masked-LM tokens its span overlaps
    private readonly Dictionary<long, long?> toLanguageModel = [];   // masked-LM id -> model id, or null: no match

    /// <summary>A replacer proposing, for each dropped position, one of the masked LM's <paramref name="topK"/> predictions mapped to the attributed model's vocabulary, for the context of <paramref name="request"/>, which must carry its ContextText (the replacer maps tokens through text spans).</summary>
    public MaskedLmReplacer(MaskedLmReplacerModel maskedLm, AttributionRequest request, int topK)
    {
        var text = request.ContextText
            ?? throw new AttributionException("reagent's mlm replacer maps tokens through the context's text, and the request has none; give AttributionRequest.ContextText (the text and each token's span)");
        this.maskedLm = maskedLm;
        context = request.ContextIds;
        vocabSize = request.Model.VocabSize;
        this.topK = (int)Math.Min(topK, maskedLm.Model.VocabSize);
        batchSize = request.BatchSize;
        maskId = maskedLm.MaskTokenId;
        var encoding = maskedLm.Tokenizer.Encode(text.Text, addSpecialTokens: true);
        maskedLmIds = encoding.Ids.Select(id => (long)id).ToArray();
        covering = text.Offsets.Select(span =>
        {
            var (start, end) = (span.Start.GetOffset(text.Text.Length), span.End.GetOffset(text.Text.Length));
            return Enumerable.Range(0, encoding.Count)
                .Where(j => encoding.SpecialTokensMask[j] == 0 && encoding.Tokens[j].End > encoding.Tokens[j].Start
                    && encoding.Tokens[j].Start < end && start < encoding.Tokens[j].End)
                .ToArray();
        }).ToArray();
    }

    /// <summary>Sequences run through the masked LM so far.</summary>
    public long ForwardPasses { get; private set; }

    /// <summary>Replaced tokens that got a uniform draw because no proposal mapped to one token.</summary>
    public long Fallbacks { get; private set; }

    /// <inheritdoc />
    public IReadOnlyList<long>[] Replace(IReadOnlyList<bool[]> keep, IReadOnlyList<CoalitionSampler> samplers)
    {
        foreach (var row in keep)
            if (row.Length != context.Count) throw new ArgumentException($"a keep-mask of {row.Length} for a context of {context.Count} tokens");
        var proposals = Proposals(keep);
        var result = new IReadOnlyList<long>[keep.Count];
        for (var row = 0; row < keep.Count; row++)
        {
            var replaced = context.ToArray();
            var positions = Enumerable.Range(0, context.Count).Where(i => !keep[row][i]).ToArray();
            var draws = positions.Length == 0 ? [] : samplers[row].Uniform(positions.Length);
            for (var k = 0; k < positions.Length; k++)
                replaced[positions[k]] = (proposals[row].TryGetValue(positions[k], out var proposal) ? Choose(proposal, draws[k]) : null)
                    ?? Fallback(draws[k]);
            result[row] = replaced;
        }

        return result;
    }

    /// <summary>Per row, per replaced position with text under it: the masked LM's top-k ids and logits.</summary>
    private Dictionary<int, (long[] Ids, float[] Logits)>[] Proposals(IReadOnlyList<bool[]> keep)
    {
        var proposals = keep.Select(_ => new Dictionary<int, (long[], float[])>()).ToArray();
        var t = maskedLmIds.Length;
        using var noGrad = torch.no_grad();
        OutOfMemoryBackoff.ForEachBatch(keep.Count, batchSize, (start, size) =>
        {
            var ids = new long[size * t];
            var wanted = new List<(int Row, int Position, long Flat)>();
            for (var r = 0; r < size; r++)
            {
                maskedLmIds.CopyTo(ids, r * t);
                for (var i = 0; i < context.Count; i++)
                {
                    if (keep[start + r][i] || covering[i].Length == 0) continue;
                    foreach (var j in covering[i]) ids[r * t + j] = maskId;
                    wanted.Add((start + r, i, (long)r * t + covering[i][0]));
                }
            }

            if (wanted.Count == 0) return;
            ForwardPasses += size;
            var logits = maskedLm.Model.Forward(ModelInput.FromIds(torch.tensor(ids, [size, t], device: maskedLm.Model.Device))).Logits; // [n, T, V]
            var flat = logits.reshape(size * t, -1).index_select(0, torch.tensor(wanted.Select(w => w.Flat).ToArray(), [wanted.Count], device: maskedLm.Model.Device));
            var (values, indices) = flat.to(ScalarType.Float32).topk(topK, 1);                                    // [P, k]
            var (topLogits, topIds) = (values.cpu().ToArray<float>(), indices.cpu().ToArray<long>());
            for (var p = 0; p < wanted.Count; p++)
                proposals[wanted[p].Row][wanted[p].Position] = (topIds[(p * topK)..((p + 1) * topK)], topLogits[(p * topK)..((p + 1) * topK)]);
        });
        return proposals;
    }

    /// <summary>The replacement for draw u among the proposals that map to one model token, by the
    /// masked LM's renormalised probabilities; null when none maps.</summary>
    private long? Choose((long[] Ids, float[] Logits) proposal, double u)
    {
        var candidates = new List<(long Id, double Logit)>();
        for (var k = 0; k < proposal.Ids.Length; k++)
            if (LanguageModelId(proposal.Ids[k]) is { } id) candidates.Add((id, proposal.Logits[k]));
        if (candidates.Count == 0) return null;

        var top = candidates.Max(c => c.Logit);
        var weights = candidates.Select(c => Math.Exp(c.Logit - top)).ToArray();
        var threshold = u * weights.Sum();
        var cumulative = 0.0;
        for (var k = 0; k < candidates.Count; k++)
        {
            cumulative += weights[k];
            if (threshold < cumulative) return candidates[k].Id;
        }

        return candidates[^1].Id;
    }

    private long Fallback(double u)
    {
        Fallbacks++;
        return UniformReplacer.Draw(u, vocabSize);
    }

    /// <summary>The attributed model's token for a masked-LM token: its decoded text must encode to
    /// exactly one token of the model's vocabulary that decodes back to the same text (up to
    /// surrounding whitespace, which decoders treat differently), so an unknown-token stand-in never
    /// passes as a match; special tokens decode to nothing and never map.</summary>
    private long? LanguageModelId(long maskedLmId)
    {
        if (toLanguageModel.TryGetValue(maskedLmId, out var known)) return known;
        var text = maskedLm.Tokenizer.Decode([(int)maskedLmId], skipSpecialTokens: true);
        var model = maskedLm.LanguageModelTokenizer;
        var ids = text.Trim().Length == 0 ? [] : model.Encode(text, addSpecialTokens: false).Ids;
        long? mapped = ids.Count == 1 && ids[0] < vocabSize && model.Decode([ids[0]], skipSpecialTokens: true).Trim() == text.Trim() ? ids[0] : null;
        toLanguageModel[maskedLmId] = mapped;
        return mapped;
    }
}
