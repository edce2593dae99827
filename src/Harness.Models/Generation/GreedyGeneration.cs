using Harness.Torch;

namespace Harness.Models.Generation;

/// <summary>
/// Greedy decoding of a batch, as transformers' generate(do_sample=False, num_beams=1): prompts
/// left-padded with their attention mask, positions cumsum(mask) - 1 (pads at 1), a finished row
/// (its last token was EOS) continues with the pad id, and decoding stops when every row is done.
/// With <c>useCache</c> each step feeds only the new token and reuses the keys and values of the
/// prefix; without it each step recomputes the whole prefix (same ids, more work).
/// </summary>
public static class GreedyGeneration
{
    /// <summary>Returns the prompt followed by the new tokens, [B, T + n] with n &lt;= maxNewTokens.</summary>
    public static Tensor Generate(ILanguageModel model, Tensor inputIds, Tensor? attentionMask, int maxNewTokens,
        long? eosTokenId, long padTokenId, bool useCache = true) =>
        Generate(model, inputIds, attentionMask, maxNewTokens, eosTokenId is { } eos ? [eos] : Array.Empty<long>(), padTokenId, useCache);

    /// <summary>As above, a row finishing at any of <paramref name="eosTokenIds"/>, as transformers does with a list
    /// eos_token_id (instruct models end a turn with their own token, e.g. Llama-3's &lt;|eot_id|&gt;).</summary>
    public static Tensor Generate(ILanguageModel model, Tensor inputIds, Tensor? attentionMask, int maxNewTokens,
        IReadOnlyCollection<long> eosTokenIds, long padTokenId, bool useCache = true)
    {
        ArgumentNullException.ThrowIfNull(eosTokenIds);
        ArgumentOutOfRangeException.ThrowIfNegative(maxNewTokens);
        using var noGrad = torch.no_grad();
        using var outer = torch.NewDisposeScope();
        using var cache = useCache ? model.NewCache() : null;
        var ids = inputIds.alias();
        var mask = attentionMask?.alias() ?? torch.ones_like(inputIds);
        var unfinished = torch.ones([inputIds.size(0)], ScalarType.Bool, device: inputIds.device);
        for (var step = 0; step < maxNewTokens; step++)
        {
            using var scope = torch.NewDisposeScope();
            // Source: GenerationMixin.prepare_inputs_for_generation: position_ids = cumsum(mask) - 1, pads -> 1.
            var positions = mask.cumsum(1).sub(1).masked_fill(mask.eq(0), 1);                     // [B, S]
            var fresh = cache is null || step == 0 ? ids.size(1) : 1;
            var input = ModelInput.FromIds(ids.narrow(1, ids.size(1) - fresh, fresh), mask,
                positions.narrow(1, positions.size(1) - fresh, fresh)) with { Cache = cache };
            var logits = model.Forward(input).Logits;                                             // [B, fresh, V]
            var next = logits.select(1, -1).argmax(-1);                                            // [B]
            next = torch.where(unfinished, next, torch.full_like(next, padTokenId));
            ids = torch.cat([ids, next.unsqueeze(1)], 1).MoveToOuterDisposeScope();
            mask = torch.cat([mask, torch.ones_like(next).unsqueeze(1).to(mask.dtype)], 1).MoveToOuterDisposeScope();
            if (eosTokenIds.Count > 0)
            {
                foreach (var eos in eosTokenIds) unfinished = unfinished.logical_and(next.ne(eos));
                unfinished = unfinished.MoveToOuterDisposeScope();
                if (!unfinished.any().item<bool>()) break;
            }
        }

        return ids.MoveToOuterDisposeScope();
    }
}
