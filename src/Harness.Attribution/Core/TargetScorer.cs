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
    public double[] Score(IReadOnlyList<IReadOnlyList<long>> contexts)
    {
        var result = new double[contexts.Count];
        var batch = request.BatchSize;
        using var noGrad = torch.no_grad();
        for (var start = 0; start < contexts.Count;)
        {
            var size = Math.Min(batch, contexts.Count - start);
            try
            {
                using var scope = torch.NewDisposeScope();
                var values = ScoreBatch(contexts.Skip(start).Take(size).ToList()).to(ScalarType.Float64).cpu().ToArray<double>();
                Array.Copy(values, 0, result, start, size);
                start += size;
            }
            catch (TorchException e) when (IsOutOfMemory(e) && batch > 1)
            {
                batch = Math.Max(1, size / 2);
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

    private Tensor ScoreBatch(IReadOnlyList<IReadOnlyList<long>> contexts)
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
