using Harness.Training;
using Harness.Models.Loading;
using Harness.Torch;

namespace Harness.Training.Tests;

/// <summary>The decoder's starting position table (Vaswani et al. 2017, §3.5).</summary>
[Fast]
public sealed class SinusoidalPositionsTests
{
    [Test]
    public void The_table_holds_sine_on_even_and_cosine_on_odd_columns_at_falling_frequencies()
    {
        using var scope = torch.NewDisposeScope();
        var table = SinusoidalPositions.Table(positions: 5, hidden: 4, a: 0.5).ToArray<float>(); // [5, 4]
        Assert.Multiple(() =>
        {
            Assert.That(table.Take(4), Is.EqualTo(new float[] { 0, 0.5f, 0, 0.5f }));                 // p = 0: sin 0, cos 0
            Assert.That(table[3 * 4 + 0], Is.EqualTo(0.5 * Math.Sin(3)).Within(1e-6));                // i = 0: frequency 1
            Assert.That(table[3 * 4 + 1], Is.EqualTo(0.5 * Math.Cos(3)).Within(1e-6));
            Assert.That(table[3 * 4 + 2], Is.EqualTo(0.5 * Math.Sin(3 / 100.0)).Within(1e-6));        // i = 1: 10000^(-2/4)
            Assert.That(table[3 * 4 + 3], Is.EqualTo(0.5 * Math.Cos(3 / 100.0)).Within(1e-6));
        });
    }

    [Test]
    public void Only_the_named_tensor_is_replaced_and_the_others_are_the_inner_sources_draws()
    {
        using var scope = torch.NewDisposeScope();
        using var plain = new RandomWeights(3, 0.02);
        using var inner = new RandomWeights(3, 0.02);
        var source = new SinusoidalPositions(inner, "wpe", 0.05);
        var expectedFirst = plain.Take("a", [2, 3], WeightInit.Normal).ToArray<float>();
        plain.Take("wpe", [6, 4], WeightInit.Normal);
        var expectedAfter = plain.Take("b", [3], WeightInit.Normal).ToArray<float>();

        var first = source.Take("a", [2, 3], WeightInit.Normal).ToArray<float>();
        var positions = source.Take("wpe", [6, 4], WeightInit.Normal).ToArray<float>();
        var after = source.Take("b", [3], WeightInit.Normal).ToArray<float>();
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(expectedFirst));
            Assert.That(positions, Is.EqualTo(SinusoidalPositions.Table(6, 4, 0.05).ToArray<float>()));
            Assert.That(after, Is.EqualTo(expectedAfter), "the replaced tensor still takes its draw, so later tensors are unchanged");
        });
    }

    [Test]
    public void The_trainer_starts_the_decoder_at_the_table_when_the_options_say_so()
    {
        var options = new TinyTrainingOptions { Steps = 2, WarmupSteps = 1, BatchSize = 2, LearningRate = 0 };
        var config = TinyModelTrainer.DefaultConfig with { Hidden = 32, Layers = 1 };
        using var scope = torch.NewDisposeScope();
        var expected = SinusoidalPositions.Table(config.MaxPositions, config.Hidden, SinusoidalPositions.DefaultAmplitude).ToArray<float>();
        using var sinusoidal = new TinyModelTrainer(options).Train(config);
        using var random = new TinyModelTrainer(options with { SinusoidalPositions = false }).Train(config);
        Assert.Multiple(() =>
        {
            Assert.That(Positions(sinusoidal.Model), Is.EqualTo(expected));
            Assert.That(Positions(random.Model), Is.Not.EqualTo(expected));
        });
    }

    private static float[] Positions(Torch.NN.Module model) =>
        model.state_dict().Single(p => p.Name == "transformer.wpe.weight").Tensor.contiguous().ToArray<float>();
}
