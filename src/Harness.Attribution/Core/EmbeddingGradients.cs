using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Core;

/// <summary>The objective and its gradient with respect to context token embeddings, for a batch
/// of embedding inputs [B, L, D] (one backward pass per row, counted on the meter).</summary>
public static class EmbeddingGradients
{
    /// <summary>The objective of each row of <paramref name="contextEmbeddings"/> [B, L, D] and its gradient with respect to those embeddings, [B, L, D].</summary>
    public static (Tensor Objective, Tensor Gradient) Of(AttributionRun run, Tensor contextEmbeddings)
    {
        var leaf = contextEmbeddings.detach().requires_grad_();
        using var gradMode = torch.enable_grad();
        var objective = run.Scorer.ObjectiveFromEmbeddings(leaf);                                        // [B]
        var gradient = torch.autograd.grad(objective.sum(), leaf);                                       // [B, L, D]
        run.Meter.CountBackward(leaf.size(0));
        return (objective.detach(), gradient);
    }
}
