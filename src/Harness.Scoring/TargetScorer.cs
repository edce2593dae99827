using Harness.Models;
using Harness.Torch;

namespace Harness.Scoring;

/// <summary>
/// Runs the model on (perturbed) contexts followed by the target and returns the objective, batched
/// with left padding. The sequence is context + target[..^1]; whatever the context's length, the
/// last m positions predict the m target tokens, so one gather serves every row. Counts every
/// sequence and token on the <see cref="CostMeter"/>. When every perturbation keeps the tokens before
/// the attributed region, that prefix runs once and its KV cache serves every batch
/// (<see cref="ScoringRequest.ReusePrefixCache"/>); the prefix pass counts as one forward pass.
/// </summary>
public sealed class TargetScorer : IDisposable
{
    private readonly ScoringRequest request;
    private readonly CostMeter meter;
    private readonly long[] targetIds;
    private readonly long padId;
    private readonly int prefixLength;
    private readonly Device device;
    private readonly CancellationToken cancellationToken;
    private KvCache? prefixCache;

    /// <summary>A scorer for <paramref name="request"/>'s target and objective whose passes count on <paramref name="meter"/>.</summary>
    /// <param name="cancellationToken">Heard before every batch (<see cref="OutOfMemoryBackoff"/>).</param>
    public TargetScorer(ScoringRequest request, CostMeter meter, CancellationToken cancellationToken = default)
    {
        this.request = request;
        this.cancellationToken = cancellationToken;
        this.meter = meter;
        targetIds = request.Target.Ids.ToArray();
        padId = request.ContextIds[0];
        prefixLength = request.ReusePrefixCache ? request.RegionBounds.Start : 0;
        device = request.Model.Device;
    }

    /// <summary>The objective for each context, as doubles; batches of <see cref="ScoringRequest.BatchSize"/>,
    /// halved and retried when the device runs out of memory.</summary>
    /// <param name="progress">(contexts scored, all) after each batch that succeeded; null: not reported.</param>
    public double[] Score(IReadOnlyList<IReadOnlyList<long>> contexts, Action<int, int>? progress = null) =>
        Batched(contexts.Count, (start, size) => ScoreBatch(contexts.Skip(start).Take(size).ToList()), progress);

    /// <summary>Per context, the worst rank of a target token among the model's predictions at the
    /// position that predicts it (0: the argmax; the rank counts the tokens with a strictly larger
    /// logit, so ties rank in the target's favour), batched and counted like <see cref="Score(IReadOnlyList{IReadOnlyList{long}}, Action{int, int})"/>.
    /// "y is in the top k" is rank &lt; k for every target token (ReAGent's stopping test).</summary>
    public int[] TargetRanks(IReadOnlyList<IReadOnlyList<long>> contexts) =>
        Batched(contexts.Count, (start, size) => ScoreBatch(contexts.Skip(start).Take(size).ToList(), reduce: WorstTargetRank))
            .Select(rank => (int)rank).ToArray();

    /// <summary>As <see cref="Score(IReadOnlyList{IReadOnlyList{long}}, Action{int, int})"/>, with an attention mask per
    /// context (false: no position attends to that token); positions still count every context token,
    /// so a masked token shifts nothing (the `attention` ablation of spec/metrics.md section 4).</summary>
    public double[] Score(IReadOnlyList<IReadOnlyList<long>> contexts, IReadOnlyList<IReadOnlyList<bool>> attended, Action<int, int>? progress = null)
    {
        if (attended.Count != contexts.Count) throw new ArgumentException($"{attended.Count} attention masks for {contexts.Count} contexts");
        for (var row = 0; row < contexts.Count; row++)
            if (attended[row].Count != contexts[row].Count)
                throw new ArgumentException($"context {row} has {contexts[row].Count} tokens but an attention mask of {attended[row].Count}");
        return Batched(contexts.Count, (start, size) => ScoreBatch(contexts.Skip(start).Take(size).ToList(), attended.Skip(start).Take(size).ToList()), progress);
    }

    /// <summary>The objective of the unperturbed context whose word embeddings are multiplied by each
    /// row of <paramref name="keep"/> (false: that token's word embedding is zeroed; the `zero` ablation),
    /// batched like <see cref="Score(IReadOnlyList{IReadOnlyList{long}}, Action{int, int})"/>.</summary>
    public double[] ScoreWithZeroedEmbeddings(IReadOnlyList<IReadOnlyList<bool>> keep, Action<int, int>? progress = null)
    {
        var length = request.ContextIds.Count;
        foreach (var row in keep)
            if (row.Count != length) throw new ArgumentException($"a keep mask of {row.Count} for a context of {length} tokens");
        return ScoreScaledEmbeddings(
            keep.Count,
            (start, size) =>
            {
                var flat = keep.Skip(start).Take(size).SelectMany(row => row.Select(k => k ? 1f : 0f)).ToArray();
                return torch.tensor(flat, [size, length, 1], device: device);                                   // [n, L, 1]
            },
            row => keep[row].Take(prefixLength).All(k => k),
            Objective,
            progress);
    }

    /// <summary>
    /// The unperturbed context with its word embeddings multiplied element-wise by each row's scale
    /// (position embeddings stay: the model adds them inside Forward), measured from the logits at the
    /// m positions that predict the target; batched with out-of-memory back-off, and a batch whose rows
    /// all leave the tokens before the region unscaled continues the cached prefix.
    /// </summary>
    /// <param name="count">Number of rows.</param>
    /// <param name="scales">(start, size) -> the scales of those rows, [size, L, D] or [size, L, 1]; called
    /// again for a batch retried after out-of-memory, so it must return the same values.</param>
    /// <param name="keepsPrefix">Whether a row leaves the tokens before the region unscaled.</param>
    /// <param name="measure">Logits at the predicting positions [B, m, V] -> one value per row [B].</param>
    /// <param name="progress">(rows scored, all) after each batch that succeeded; null: not reported.</param>
    public double[] ScoreScaledEmbeddings(int count, Func<int, int, Tensor> scales, Func<int, bool> keepsPrefix, Func<Tensor, Tensor> measure, Action<int, int>? progress = null)
    {
        var length = request.ContextIds.Count;
        return Batched(count, (start, size) =>
        {
            var embeddings = ContextEmbeddings();                                                             // [1, L, D]
            var scale = scales(start, size).to(embeddings.dtype, device);                                     // [n, L, D or 1]
            var p = SharedPrefix(Enumerable.Range(start, size).Select(keepsPrefix));
            var logits = p == 0
                ? LogitsFromEmbeddings(embeddings.mul(scale))                                                 // [n, T, V]
                : LogitsAfterPrefix(embeddings.narrow(1, p, length - p).mul(scale.narrow(1, p, length - p)));
            return measure(PredictingLogits(logits));                                                         // [n]
        }, progress);
    }

    /// <summary>The model's log-probabilities [m, V] at the m positions predicting the target on the
    /// unperturbed context (Q of spec/metrics.md; one forward pass, no gradients).</summary>
    public Tensor UnperturbedLogProbabilities()
    {
        using var noGrad = torch.no_grad();
        var m = targetIds.Length;
        return PredictingLogits(LogitsFromEmbeddings(ContextEmbeddings())).log_softmax(-1).view(m, -1);      // [m, V]
    }

    /// <summary>Runs <paramref name="batch"/> (start, size) -> objective [size] over <paramref name="count"/>
    /// rows without gradients, halving the batch on out-of-memory.</summary>
    private double[] Batched(int count, Func<int, int, Tensor> batch, Action<int, int>? progress = null)
    {
        var result = new double[count];
        using var noGrad = torch.no_grad();
        OutOfMemoryBackoff.ForEachBatch(count, request.BatchSize, (start, size) =>
        {
            var values = batch(start, size).to(ScalarType.Float64).cpu().ToArray<double>();
            Array.Copy(values, 0, result, start, size);
            progress?.Invoke(start + size, count);
        }, cancellationToken);
        return result;
    }

    /// <summary>The objective [B] (with its graph) when the context's token embeddings are given,
    /// [B, L, D]; the target's own embeddings are appended.</summary>
    public Tensor ObjectiveFromEmbeddings(Tensor contextEmbeddings) => Objective(LogitsFromEmbeddings(contextEmbeddings));

    /// <summary>Logits [B, T, V] of the context's token embeddings [B, L, D] followed by the target's own.</summary>
    private Tensor LogitsFromEmbeddings(Tensor contextEmbeddings)
    {
        var (b, l) = (contextEmbeddings.size(0), contextEmbeddings.size(1));
        var embeddings = contextEmbeddings;
        if (targetIds.Length > 1)
        {
            var target = request.Model.Embed(torch.tensor(targetIds[..^1], [1, targetIds.Length - 1], device: device));
            embeddings = torch.cat([contextEmbeddings, target.expand(b, -1, -1)], 1);                    // [B, L + m - 1, D]
        }

        meter.CountForward(b, b * embeddings.size(1));
        return request.Model.Forward(ModelInput.FromEmbeddings(embeddings), Predicting).Logits;          // [B, m, V]
    }

    /// <summary>Token embeddings of the unperturbed context, [1, L, D].</summary>
    public Tensor ContextEmbeddings() => request.Model.Embed(torch.tensor(request.ContextIds.ToArray(), [1, request.ContextIds.Count], device: device));

    /// <summary>The prefix length the rows of a batch can share through the cache: the region's start
    /// when every row keeps it (and the cache is on), else 0.</summary>
    private int SharedPrefix(IEnumerable<bool> rowsKeepPrefix) => prefixLength > 0 && rowsKeepPrefix.All(k => k) ? prefixLength : 0;

    /// <summary>The KV cache of the request's first <see cref="prefixLength"/> context tokens, run once.</summary>
    private KvCache PrefixCache()
    {
        if (prefixCache is not null) return prefixCache;
        using var scope = torch.NewDisposeScope();
        var cache = request.Model.NewCache();
        var ids = torch.tensor(request.ContextIds.Take(prefixLength).ToArray(), [1, prefixLength], device: device);
        meter.CountForward(1, prefixLength);
        request.Model.Forward(new ModelInput { InputIds = ids, Cache = cache }, new ForwardOptions { LastPositions = 1 });
        return prefixCache = cache;
    }

    /// <summary>Logits [B, T, V] of sequences that continue the cached prefix: <paramref name="embeddings"/>
    /// [B, L - P, D] are the rest of the context (all rows the same length), the target's own
    /// embeddings are appended.</summary>
    private Tensor LogitsAfterPrefix(Tensor embeddings)
    {
        var b = embeddings.size(0);
        if (targetIds.Length > 1)
        {
            var target = request.Model.Embed(torch.tensor(targetIds[..^1], [1, targetIds.Length - 1], device: device));
            embeddings = torch.cat([embeddings, target.expand(b, -1, -1)], 1);                          // [B, T, D]
        }

        var t = embeddings.size(1);
        var positions = torch.arange(prefixLength, prefixLength + t, device: device).unsqueeze(0).expand(b, t);
        using var cache = PrefixCache().Expand(b);
        meter.CountForward(b, b * t);
        return request.Model.Forward(ModelInput.FromEmbeddings(embeddings, positionIds: positions) with { Cache = cache }, Predicting).Logits;
    }

    /// <param name="reduce">Logits [B, T, V] whose last m positions predict the target -> one value
    /// per row [B]; the objective when null.</param>
    private Tensor ScoreBatch(IReadOnlyList<IReadOnlyList<long>> contexts, IReadOnlyList<IReadOnlyList<bool>>? attended = null, Func<Tensor, Tensor>? reduce = null)
    {
        reduce ??= Objective;
        // A row needs a context token after the prefix: the position that predicts the first target
        // token (a span's later tokens do not make up for it; the cached prefix has no logits).
        var shared = SharedPrefix(contexts.Select((c, row) => c.Count > prefixLength && KeepsPrefix(c, attended?[row])));
        return reduce(shared == 0 ? LogitsWhole(contexts, attended) : LogitsAfterPrefix(contexts, attended));
    }

    /// <summary>True when the context starts with the request's prefix, fully attended.</summary>
    private bool KeepsPrefix(IReadOnlyList<long> context, IReadOnlyList<bool>? attended)
    {
        for (var i = 0; i < prefixLength; i++)
            if (context[i] != request.ContextIds[i] || (attended is not null && !attended[i])) return false;
        return true;
    }

    /// <summary>As <see cref="LogitsWhole"/>, running only what follows the cached prefix: each row's
    /// rest of context and target, right-padded (padding between prefix and rest would stretch the
    /// index distances that sliding-window attention reads), so the predicting positions differ per
    /// row and are gathered before the objective.</summary>
    private Tensor LogitsAfterPrefix(IReadOnlyList<IReadOnlyList<long>> contexts, IReadOnlyList<IReadOnlyList<bool>>? attended)
    {
        var (p, b, m) = (prefixLength, contexts.Count, targetIds.Length);
        var lengths = contexts.Select(c => c.Count - p + m - 1).ToArray();
        var longest = lengths.Max();
        var ids = Enumerable.Repeat(padId, b * longest).ToArray();
        var mask = new long[b * (p + longest)];
        var predicting = new long[b * m];
        for (var row = 0; row < b; row++)
        {
            contexts[row].Skip(p).Concat(targetIds[..^1]).ToArray().CopyTo(ids, row * longest);
            var maskRow = row * (p + longest);
            for (var i = 0; i < p; i++) mask[maskRow + i] = 1;
            for (var i = 0; i < lengths[row]; i++)
            {
                var contextIndex = p + i;
                var visible = attended is null || contextIndex >= contexts[row].Count || attended[row][contextIndex];
                mask[maskRow + p + i] = visible ? 1 : 0;
            }

            for (var j = 0; j < m; j++) predicting[row * m + j] = lengths[row] - m + j;
        }

        var idTensor = torch.tensor(ids, [b, longest], device: device);
        var maskTensor = torch.tensor(mask, [b, p + longest], device: device);
        var positions = torch.arange(p, p + longest, device: device).unsqueeze(0).expand(b, longest);   // [B, T]
        using var cache = PrefixCache().Expand(b);
        meter.CountForward(b, b * longest);
        // Rows end at different positions: the output layer runs from the earliest predicting position on.
        var first = lengths.Min() - m;
        var logits = request.Model.Forward(new ModelInput { InputIds = idTensor, AttentionMask = maskTensor, PositionIds = positions, Cache = cache },
            new ForwardOptions { LastPositions = longest - first }).Logits;                               // [B, longest - first, V]
        var vocabulary = logits.size(2);
        var offset = logits.size(1) - longest;                                                           // -first, or 0 from a model that ran every position
        var index = torch.tensor(predicting.Select(i => i + offset).ToArray(), [b, m, 1], device: device).expand(b, m, vocabulary); // [B, m, V]
        return logits.gather(1, index);                                                                // [B, m, V]
    }

    /// <summary>Logits [B, m, V] of the contexts followed by target[..^1], left-padded (<see cref="LeftPadded"/>).</summary>
    private Tensor LogitsWhole(IReadOnlyList<IReadOnlyList<long>> contexts, IReadOnlyList<IReadOnlyList<bool>>? attended = null)
    {
        var sequences = contexts.Select(c => (IReadOnlyList<long>)c.Concat(targetIds[..^1]).ToArray()).ToList();
        meter.CountForward(contexts.Count, contexts.Count * (long)sequences.Max(s => s.Count));
        Func<int, int, bool>? hidden = attended is null ? null : (row, i) => i < contexts[row].Count && !attended[row][i];
        return LeftPadded.Logits(request.Model, sequences, hidden, targetIds.Length);
    }

    /// <summary>The output layer at the m positions that predict the target's tokens, the only logits the scorer reads.</summary>
    private ForwardOptions Predicting => new() { LastPositions = targetIds.Length };

    /// <summary>The last m positions of logits [B, T, V], those that predict the m target tokens, [B, m, V] in
    /// float32 or, for a float64 model, float64 (the references' log_softmax runs in the model's dtype).</summary>
    private Tensor PredictingLogits(Tensor logits) =>
        logits.narrow(1, logits.size(1) - targetIds.Length, targetIds.Length).to(logits.dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32);

    /// <summary>Objective per row from logits [B, T, V] whose last m positions predict the target.</summary>
    private Tensor Objective(Tensor logits)
    {
        var b = logits.size(0);
        var m = targetIds.Length;
        var predicting = PredictingLogits(logits);                                                      // [B, m, V]
        var index = torch.tensor(targetIds, [1, m, 1], device: device).expand(b, m, 1);                  // [B, m, 1]
        if (m == 1 && request.Objective == Harness.Scoring.Objective.Logit) return predicting.gather(2, index).view(b);
        var logProbabilities = predicting.log_softmax(-1).gather(2, index).view(b, m).sum(1);            // [B]
        return m == 1 && request.Objective == Harness.Scoring.Objective.Prob ? logProbabilities.exp() : logProbabilities;
    }

    /// <summary>Per row the largest, over the target tokens, number of vocabulary entries whose logit
    /// beats the target's at its predicting position (logits [B, T, V], the last m positions predicting).</summary>
    private Tensor WorstTargetRank(Tensor logits)
    {
        var b = logits.size(0);
        var m = targetIds.Length;
        var predicting = PredictingLogits(logits);                                                      // [B, m, V]
        var index = torch.tensor(targetIds, [1, m, 1], device: device).expand(b, m, 1);                  // [B, m, 1]
        var beaten = predicting.gt(predicting.gather(2, index)).sum(2);                                  // [B, m]
        return beaten.max(1).values;                                                                     // [B]
    }

    /// <summary>Frees the cached key/value prefix, if one was built.</summary>
    public void Dispose() => prefixCache?.Dispose();
}
