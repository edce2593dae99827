using Harness.Models.Generation;
using Harness.Torch;

namespace Harness.Evaluation.Core;

/// <summary>The model's greedy continuation of a (pruned or rationale-only) context, for metrics that
/// judge a regenerated answer (label agreement, context pruning); its passes are counted on the run's
/// meter: the prompt once, then one token per step (the KV cache).</summary>
public static class GreedyContinuation
{
    /// <summary>Up to <paramref name="maxNewTokens"/> greedily generated token ids after <paramref name="context"/>
    /// (no EOS stop; the caller parses what it needs), the passes counted on <paramref name="run"/>'s meter.</summary>
    public static long[] Generate(MetricRun run, IReadOnlyList<long> context, int maxNewTokens)
    {
        using var scope = torch.NewDisposeScope();
        var ids = torch.tensor(context.ToArray(), [1, context.Count], device: run.Input.Model.Device);    // [1, T]
        var sequence = GreedyGeneration.Generate(run.Input.Model, ids, null, maxNewTokens, eosTokenId: null, padTokenId: run.Input.PadId ?? 0);
        var generated = sequence.narrow(1, context.Count, sequence.size(1) - context.Count).cpu().ToArray<long>(); // [1, T + n] -> [1, n]
        run.Meter.CountForward(1, context.Count);
        for (var step = 1; step < generated.Length; step++) run.Meter.CountForward(1, 1);
        return generated;
    }
}
