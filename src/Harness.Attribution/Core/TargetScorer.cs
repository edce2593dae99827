using Harness.Models;
using Harness.Torch;

namespace Harness.Attribution.Core;

/// <summary>
/// Runs the model on (perturbed) contexts followed by the target and returns the objective, batched
/// with left padding. The sequence is context + target[..^1]; whatever the context's length, the
/// last m positions predict the m target tokens, so one gather serves every row. Counts every
/// sequence and token on the <see cref="CostMeter"/>.
/// </summary>
public sealed class TargetScorer
{
    private readonly AttributionRequest request;
    private readonly CostMeter meter;
    private readonly long[] targetIds;
    private readonly long padId;

    public TargetScorer(AttributionRequest request, CostMeter meter)
    {
        this.request = request;
        this.meter = meter;
        targetIds = request.Target.Ids.ToArray();
        padId = request.ContextIds[0];
        using var scope = torch.NewDisposeScope();
        var probe = request.Model.Embed(torch.tensor(new[] { request.ContextIds[0] }, [1, 1]));
        Device = probe.device;
        DType = probe.dtype;
    }

    public Device Device { get; }

    public ScalarType DType { get; }

    /// <summary>The objective for each context, as doubles; batches of <see cref="AttributionRequest.BatchSize"/>,
    /// halved and retried when the device runs out of memory.</summary>
    public double[] Score(IReadOnlyList<IReadOnlyList<long>> contexts) =>
        Batched(contexts.Count, (start, size) => ScoreBatch(contexts.Skip(start).Take(size).ToList()));

    /// <summary>As <see cref="Score(IReadOnlyList{IReadOnlyList{long}})"/>, with an attention mask per
    /// context (false: no position attends to that token); positions still count every context token,
    /// so a masked token shifts nothing (the `attention` ablation of spec/metrics.md section 4).</summary>
    public double[] Score(IReadOnlyList<IReadOnlyList<long>> contexts, IReadOnlyList<IReadOnlyList<bool>> attended)
    {
        if (attended.Count != contexts.Count) throw new ArgumentException($"{attended.Count} attention masks for {contexts.Count} contexts");
        for (var row = 0; row < contexts.Count; row++)
            if (attended[row].Count != contexts[row].Count)
                throw new ArgumentException($"context {row} has {contexts[row].Count} tokens but an attention mask of {attended[row].Count}");
        return Batched(contexts.Count, (start, size) => ScoreBatch(contexts.Skip(start).Take(size).ToList(), attended.Skip(start).Take(size).ToList()));
    }

    /// <summary>The objective of the unperturbed context whose word embeddings are multiplied by each
    /// row of <paramref name="keep"/> (false: that token's word embedding is zeroed; the `zero` ablation),
    /// batched like <see cref="Score(IReadOnlyList{IReadOnlyList{long}})"/>.</summary>
    public double[] ScoreWithZeroedEmbeddings(IReadOnlyList<IReadOnlyList<bool>> keep)
    {
        var length = request.ContextIds.Count;
        foreach (var row in keep)
            if (row.Count != length) throw new ArgumentException($"a keep mask of {row.Count} for a context of {length} tokens");
        return Batched(keep.Count, (start, size) =>
        {
            var flat = keep.Skip(start).Take(size).SelectMany(row => row.Select(k => k ? 1f : 0f)).ToArray();
            var embeddings = ContextEmbeddings();                                                             // [1, L, D]
            var scale = torch.tensor(flat, [size, length, 1], Device).to(embeddings.dtype);                   // [n, L, 1]
            return ObjectiveFromEmbeddings(embeddings.mul(scale));                                            // [n]
        });
    }

    /// <summary>Runs <paramref name="batch"/> (start, size) -> objective [size] over <paramref name="count"/>
    /// rows without gradients, halving the batch on out-of-memory.</summary>
    private double[] Batched(int count, Func<int, int, Tensor> batch)
    {
        var result = new double[count];
        var batchSize = request.BatchSize;
        using var noGrad = torch.no_grad();
        for (var start = 0; start < count;)
        {
            var size = Math.Min(batchSize, count - start);
            try
            {
                using var scope = torch.NewDisposeScope();
                var values = batch(start, size).to(ScalarType.Float64).cpu().ToArray<double>();
                Array.Copy(values, 0, result, start, size);
                start += size;
            }
            catch (TorchException e) when (IsOutOfMemory(e) && batchSize > 1)
            {
                batchSize = Math.Max(1, size / 2);
            }
        }

        return result;
    }

    /// <summary>The objective [B] (with its graph) when the context's token embeddings are given,
    /// [B, L, D]; the target's own embeddings are appended.</summary>
    public Tensor ObjectiveFromEmbeddings(Tensor contextEmbeddings)
    {
        var (b, l) = (contextEmbeddings.size(0), contextEmbeddings.size(1));
        var embeddings = contextEmbeddings;
        if (targetIds.Length > 1)
        {
            var target = request.Model.Embed(torch.tensor(targetIds[..^1], [1, targetIds.Length - 1], Device));
            embeddings = torch.cat([contextEmbeddings, target.expand(b, -1, -1)], 1);                    // [B, L + m - 1, D]
        }

        meter.CountForward(b, b * embeddings.size(1));
        var logits = request.Model.Forward(ModelInput.FromEmbeddings(embeddings)).Logits;                // [B, T, V]
        return Objective(logits);
    }

    /// <summary>Token embeddings of the unperturbed context, [1, L, D].</summary>
    public Tensor ContextEmbeddings() => request.Model.Embed(torch.tensor(request.ContextIds.ToArray(), [1, request.ContextIds.Count], Device));

    private Tensor ScoreBatch(IReadOnlyList<IReadOnlyList<long>> contexts, IReadOnlyList<IReadOnlyList<bool>>? attended = null)
    {
        var longest = contexts.Max(c => c.Count) + targetIds.Length - 1;
        var ids = new long[contexts.Count * longest];
        var mask = new long[contexts.Count * longest];
        for (var row = 0; row < contexts.Count; row++)
        {
            var sequence = contexts[row].Concat(targetIds[..^1]).ToArray();
            var offset = row * longest + longest - sequence.Length;                  // left padding
            for (var i = 0; i < longest - sequence.Length; i++) ids[row * longest + i] = padId;
            sequence.CopyTo(ids, offset);
            for (var i = 0; i < sequence.Length; i++) mask[offset + i] = 1;
        }

        var idTensor = torch.tensor(ids, [contexts.Count, longest], Device);
        var maskTensor = torch.tensor(mask, [contexts.Count, longest], Device);
        // Positions count real tokens only, so a shorter context is not shifted (generate()'s rule).
        var positions = maskTensor.cumsum(1).sub(1).clamp(min: 0);
        if (attended is not null)
        {
            for (var row = 0; row < contexts.Count; row++)
            {
                var offset = row * longest + longest - (contexts[row].Count + targetIds.Length - 1);
                for (var i = 0; i < contexts[row].Count; i++)
                    if (!attended[row][i]) mask[offset + i] = 0;
            }

            maskTensor = torch.tensor(mask, [contexts.Count, longest], Device);
        }

        meter.CountForward(contexts.Count, contexts.Count * longest);
        var logits = request.Model.Forward(ModelInput.FromIds(idTensor, maskTensor, positions)).Logits; // [B, T, V]
        return Objective(logits);
    }

    /// <summary>Objective per row from logits [B, T, V] whose last m positions predict the target.</summary>
    private Tensor Objective(Tensor logits)
    {
        var (b, t) = (logits.size(0), logits.size(1));
        var m = targetIds.Length;
        var predicting = logits.narrow(1, t - m, m).to(ScalarType.Float32);                              // [B, m, V]
        var index = torch.tensor(targetIds, [1, m, 1], Device).expand(b, m, 1);                          // [B, m, 1]
        if (m == 1 && request.Objective == Core.Objective.Logit) return predicting.gather(2, index).view(b);
        var logProbabilities = predicting.log_softmax(-1).gather(2, index).view(b, m).sum(1);            // [B]
        return m == 1 && request.Objective == Core.Objective.Prob ? logProbabilities.exp() : logProbabilities;
    }

    private static bool IsOutOfMemory(TorchException e) =>
        e.NativeMessage.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
        || e.NativeMessage.Contains("can't allocate memory", StringComparison.OrdinalIgnoreCase);
}
