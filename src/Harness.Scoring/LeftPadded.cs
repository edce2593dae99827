using Harness.Models;
using Harness.Torch;

namespace Harness.Scoring;

/// <summary>
/// One forward pass over sequences of different lengths, left-padded so that every row ends at the same position:
/// the last n positions of each row are its own, and one narrow reads the positions that predict its target.
/// Positions count real tokens only, so a shorter sequence is not shifted (generate()'s rule).
/// </summary>
public static class LeftPadded
{
    /// <summary>Logits [B, n, V] at the last <paramref name="lastPositions"/> positions of each sequence (every position
    /// from a model that ignores <see cref="ForwardOptions.LastPositions"/>).</summary>
    /// <param name="hidden">(row, position) -> true where no position may attend to that token (the `attention`
    /// ablation); null: every token is attended.</param>
    public static Tensor Logits(ILanguageModel model, IReadOnlyList<IReadOnlyList<long>> sequences, Func<int, int, bool>? hidden, int lastPositions)
    {
        var (b, longest) = (sequences.Count, sequences.Max(s => s.Count));
        var ids = new long[b * longest];
        var real = new long[b * longest];
        var attended = new long[b * longest];
        for (var row = 0; row < b; row++)
        {
            var sequence = sequences[row];
            var offset = row * longest + longest - sequence.Count;
            for (var i = 0; i < longest - sequence.Count; i++) ids[row * longest + i] = sequence[0];      // padding: masked out
            for (var i = 0; i < sequence.Count; i++)
            {
                ids[offset + i] = sequence[i];
                real[offset + i] = 1;
                attended[offset + i] = hidden is not null && hidden(row, i) ? 0 : 1;
            }
        }

        var device = model.Device;
        var realTensor = torch.tensor(real, [b, longest], device: device);                              // [B, T]
        var positions = realTensor.cumsum(1).sub(1).clamp(min: 0);                                        // [B, T]
        var mask = hidden is null ? realTensor : torch.tensor(attended, [b, longest], device: device);
        return model.Forward(ModelInput.FromIds(torch.tensor(ids, [b, longest], device: device), mask, positions),
            new ForwardOptions { LastPositions = lastPositions }).Logits;                                // [B, n, V]
    }
}
