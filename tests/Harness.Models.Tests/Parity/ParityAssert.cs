using System.Text.Json;
using Harness.Torch;

namespace Harness.Models.Tests.Parity;

/// <summary>Comparisons of model outputs with the fixtures' reference values.</summary>
public static class ParityAssert
{
    /// <summary>Same number of elements and max |actual - reference| within <paramref name="tolerance"/>.</summary>
    public static void Close(Tensor actual, JsonElement expected, double tolerance, string what)
    {
        var values = actual.to(ScalarType.Float32).ToArray<float>();
        var reference = HfParityFixture.Floats(expected);
        Assert.That(values, Has.Length.EqualTo(reference.Length),
            $"{what}: element count (reference shape [{string.Join(", ", HfParityFixture.Shape(expected))}], got {actual})");
        var worst = values.Zip(reference).Max(p => Math.Abs((double)p.First - p.Second));
        Assert.That(worst, Is.LessThanOrEqualTo(tolerance), $"{what}: max |actual - reference|");
    }

    /// <summary>Logits [B, T, V] against the reference at the positions whose attention mask is 1.</summary>
    public static void CloseAtRealPositions(Tensor logits, JsonElement expected, long[] attentionMask, double tolerance, string what)
    {
        var values = logits.to(ScalarType.Float32).ToArray<float>();
        var reference = HfParityFixture.Floats(expected);
        Assert.That(values, Has.Length.EqualTo(reference.Length), $"{what}: element count");
        var vocab = values.Length / attentionMask.Length;
        var worst = 0.0;
        for (var position = 0; position < attentionMask.Length; position++)
        {
            if (attentionMask[position] == 0) continue;
            for (var v = 0; v < vocab; v++)
                worst = Math.Max(worst, Math.Abs(values[position * vocab + v] - reference[position * vocab + v]));
        }

        Assert.That(worst, Is.LessThanOrEqualTo(tolerance), $"{what}: max |logit - reference| over real positions");
    }
}
