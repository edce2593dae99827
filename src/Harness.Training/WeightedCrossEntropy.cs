using Harness.Torch;

namespace Harness.Training;

/// <summary>Mean cross-entropy over the positions with weight 1: -sum(w * log softmax(logits)[label]) / sum(w).</summary>
internal static class WeightedCrossEntropy
{
    /// <param name="logits">[B, T, V]</param>
    /// <param name="labels">[B, T] token ids (any valid id where the weight is 0)</param>
    /// <param name="weights">[B, T] float, 1 for counted positions, 0 elsewhere</param>
    public static Tensor Compute(Tensor logits, Tensor labels, Tensor weights)
    {
        var logProbabilities = logits.log_softmax(-1);                             // [B, T, V]
        var picked = logProbabilities.gather(-1, labels.unsqueeze(-1)).squeeze(-1); // [B, T]
        return picked.mul(weights).sum().neg().div(weights.sum());
    }
}
