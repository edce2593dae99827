using Harness.Models;
using Harness.Models.Generation;
using Harness.Torch;

namespace Harness.Evaluation.Protocols;

/// <summary>
/// The sequence-level protocol of spec/metrics.md section 1 (ReAGent's WikiBio/WikiText/TellMeWhy
/// setting): greedy-generate up to <c>maxNewTokens</c> tokens after the prompt, then attribute and
/// evaluate y_t over the whole prefix (prompt + earlier generated tokens) at every <c>stride</c>-th
/// generated position, and average the metric over a prompt's positions. Harness reading of
/// "every stride-th": generated indices 0, stride, 2*stride, ... (the first generated token is always
/// evaluated). Generation stops early at EOS, which is itself never a target.
/// </summary>
public static class SequenceProtocol
{
    /// <summary>Source: spec/metrics.md section 1 (ReAGent's sequence-level setting).</summary>
    public const int DefaultMaxNewTokens = 10;

    /// <summary>Every second generated position is evaluated. Source: spec/metrics.md section 1 (ReAGent's sequence-level setting).</summary>
    public const int DefaultStride = 2;

    /// <summary>The generated tokens after <paramref name="promptIds"/> (greedy, KV cache, one forward
    /// per new token), cut before EOS.</summary>
    public static IReadOnlyList<long> Generate(ILanguageModel model, IReadOnlyList<long> promptIds, int maxNewTokens = DefaultMaxNewTokens, long? eosTokenId = null) =>
        Generate(model, promptIds, maxNewTokens, eosTokenId is { } eos ? [eos] : Array.Empty<long>());

    /// <summary>As above, stopping at the first of any of <paramref name="eosTokenIds"/> (generation_config.json's list).</summary>
    public static IReadOnlyList<long> Generate(ILanguageModel model, IReadOnlyList<long> promptIds, int maxNewTokens, IReadOnlyCollection<long> eosTokenIds)
    {
        if (promptIds.Count == 0) throw new ArgumentException("the prompt is empty: there is nothing to continue", nameof(promptIds));
        if (maxNewTokens < 1) throw new ArgumentOutOfRangeException(nameof(maxNewTokens), maxNewTokens, "generate at least one token");
        using var scope = torch.NewDisposeScope();
        var ids = GreedyGeneration.Generate(model, torch.tensor(promptIds.ToArray(), [1, promptIds.Count], device: model.Device), null, maxNewTokens,
            eosTokenIds, padTokenId: eosTokenIds.Count > 0 ? eosTokenIds.First() : 0).cpu().ToArray<long>()[promptIds.Count..];
        var end = Array.FindIndex(ids, eosTokenIds.Contains) is >= 0 and var at ? at : ids.Length;
        return ids[..end];
    }

    /// <summary>The evaluated steps of a generation: every <paramref name="stride"/>-th generated token
    /// with the prefix before it.</summary>
    public static IReadOnlyList<SequenceStep> Steps(IReadOnlyList<long> promptIds, IReadOnlyList<long> generated, int stride = DefaultStride)
    {
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "the stride is at least 1");
        var steps = new List<SequenceStep>();
        for (var j = 0; j < generated.Count; j += stride)
            steps.Add(new SequenceStep(promptIds.Concat(generated.Take(j)).ToArray(), generated[j], j));
        return steps;
    }

    /// <summary>A prompt's value: the mean over its evaluated positions of the values that are not
    /// flagged (NaN); NaN when none is left, so a prompt with no usable position never enters a mean.</summary>
    public static double PromptMean(IEnumerable<double> stepValues)
    {
        var usable = stepValues.Where(double.IsFinite).ToArray();
        return usable.Length == 0 ? double.NaN : usable.Average();
    }
}
