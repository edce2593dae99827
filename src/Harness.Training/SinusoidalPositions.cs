using Harness.Models.Loading;
using Harness.Torch;

namespace Harness.Training;

/// <summary>
/// A weight source that starts GPT-2's learned position table (<c>transformer.wpe.weight</c>, [P, D])
/// at the fixed sinusoids of Vaswani et al. 2017, §3.5: wpe[p, 2i] = a·sin(p / 10000^(2i/D)),
/// wpe[p, 2i+1] = a·cos(p / 10000^(2i/D)); every other tensor comes from <paramref name="inner"/>.
/// Why: from N(0, 0.02²) positions the tiny decoder took thousands of steps to tell neighbouring
/// positions apart, which the previous-token heads of induction-style copying need (Olsson et al.
/// 2022); trained on key-value recall and repeats alone, sinusoids plus repeats passed 95% within 1250
/// steps where random positions stalled near 25%.
/// The table stays trainable, and the saved model is an ordinary GPT-2.
/// </summary>
internal sealed class SinusoidalPositions(IWeightSource inner, string tableName, double amplitude) : IWeightSource
{
    /// <summary>The amplitude a (harness choice: the order of the token embeddings at the start, whose std is 0.02,
    /// so neither dominates the first layer norm).</summary>
    public const double DefaultAmplitude = 0.05;

    public Tensor Take(string name, long[] shape, WeightInit init)
    {
        var drawn = inner.Take(name, shape, init); // drawn either way, so the other tensors' draws do not depend on this one
        if (name != tableName) return drawn;
        using var replaced = drawn;
        if (shape.Length != 2) throw new ArgumentException($"{name}: expected a [positions, hidden] table, got [{string.Join(", ", shape)}]", nameof(shape));
        using var scope = torch.NewDisposeScope();
        var table = Table(shape[0], shape[1], amplitude).to(drawn.dtype, drawn.device).MoveToOuterDisposeScope();
        return table;
    }

    public bool Has(string name) => inner.Has(name);

    /// <summary>The [positions, hidden] sinusoid table with amplitude <paramref name="a"/>.</summary>
    public static Tensor Table(long positions, long hidden, double a)
    {
        var values = new float[positions * hidden];
        for (long p = 0; p < positions; p++)
            for (long j = 0; j < hidden; j++)
            {
                var frequency = Math.Pow(10000, -(double)(j - j % 2) / hidden);   // 10000^(-2i/D) for j = 2i and 2i+1
                values[p * hidden + j] = (float)(a * (j % 2 == 0 ? Math.Sin(p * frequency) : Math.Cos(p * frequency)));
            }

        return torch.tensor(values, [positions, hidden], device: Device.CPU);   // computed on the host; Take moves it
    }
}
