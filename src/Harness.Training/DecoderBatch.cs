using Harness.Torch;

namespace Harness.Training;

/// <summary>A right-padded batch for next-token training: inputs are each sequence without its last
/// token, labels the sequence shifted by one, weights 1 where a label counts for the loss (every label
/// under <see cref="LossTokens.All"/>; otherwise the labels from the example's
/// <see cref="TokenizedExample.ScoredFrom"/> on, by default its target alone, and under
/// <see cref="LossTokens.TargetAndSentenceStarts"/> also each label that follows a period). Right
/// padding needs no attention mask in a causal model: no real position attends to a later pad.</summary>
internal sealed record DecoderBatch(Tensor Ids, Tensor Labels, Tensor Weights)
{
    private static readonly int PeriodId = TinyVocabulary.Tokens.ToList().IndexOf(".");

    public static DecoderBatch From(IReadOnlyList<TokenizedExample> examples, LossTokens lossTokens)
    {
        var length = examples.Max(e => e.PromptIds.Count);                       // inputs: prompt + target - 1
        var ids = new long[examples.Count * length];
        var labels = new long[examples.Count * length];
        var weights = new float[examples.Count * length];
        Array.Fill(ids, TinyVocabulary.PadId);
        for (var b = 0; b < examples.Count; b++)
        {
            var sequence = examples[b].Sequence;
            var last = sequence.Count - 2;                                        // the position that predicts the target
            var firstScored = (examples[b].ScoredFrom ?? sequence.Count - 1) - 1;  // the position that predicts the first scored token
            for (var t = 0; t <= last; t++)
            {
                ids[b * length + t] = sequence[t];
                labels[b * length + t] = sequence[t + 1];
                weights[b * length + t] = lossTokens == LossTokens.All || t >= firstScored
                    || (lossTokens == LossTokens.TargetAndSentenceStarts && sequence[t] == PeriodId) ? 1 : 0;
            }
        }

        long[] shape = [examples.Count, length];
        // On the CPU, where the tiny models train (RandomWeights' default device).
        return new DecoderBatch(torch.tensor(ids, shape, device: Device.CPU), torch.tensor(labels, shape, device: Device.CPU), torch.tensor(weights, shape, device: Device.CPU));
    }
}
