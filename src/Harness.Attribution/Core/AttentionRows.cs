using Harness.Models;
using Harness.Torch;

namespace Harness.Attribution.Core;

/// <summary>The model's attention probabilities from the positions that predict the target to the
/// context: one forward pass over context + target[..^1], per layer [H, m, L] (m target tokens).</summary>
public static class AttentionRows
{
    /// <summary>Per layer, the [H, m, L] attention rows of the m positions that predict the target tokens over the L context columns, in float64 (one forward pass, counted on the run's meter).</summary>
    public static IReadOnlyList<Tensor> Of(AttributionRun run)
    {
        var request = run.Request;
        var target = request.Target.Ids;
        var sequence = request.ContextIds.Concat(target.Take(target.Count - 1)).ToArray();
        var ids = torch.tensor(sequence, [1, sequence.Length], device: run.Request.Model.Device);
        run.Meter.CountForward(1, sequence.Length);
        using var noGrad = torch.no_grad();
        var attentions = request.Model.Forward(ModelInput.FromIds(ids), new ForwardOptions { OutputAttentions = true }).Attentions!;
        var l = request.ContextIds.Count;
        // Position l - 1 + j predicts target token j; keep their rows and the context's columns.
        return attentions.Select(a => a.select(0, 0).narrow(1, l - 1, target.Count).narrow(2, 0, l).to(ScalarType.Float64)).ToList();
    }

    /// <summary>The full [T, T] attention of every layer, heads kept: [H, T, T] per layer.</summary>
    public static IReadOnlyList<Tensor> Full(AttributionRun run)
    {
        var request = run.Request;
        var target = request.Target.Ids;
        var sequence = request.ContextIds.Concat(target.Take(target.Count - 1)).ToArray();
        var ids = torch.tensor(sequence, [1, sequence.Length], device: run.Request.Model.Device);
        run.Meter.CountForward(1, sequence.Length);
        using var noGrad = torch.no_grad();
        return request.Model.Forward(ModelInput.FromIds(ids), new ForwardOptions { OutputAttentions = true })
            .Attentions!.Select(a => a.select(0, 0).to(ScalarType.Float64)).ToList();
    }
}
