using Harness.Training;
using Harness.Torch;

namespace Harness.Training.Tests;

/// <summary>The tiny models' trainers: a short run learns, and a seed fixes the weights.</summary>
[Soak]
public sealed class TinyModelTrainerTests
{
    /// <summary>30 steps at a higher rate than the default's 1.5e-3, which needs hundreds of steps to show, and on the
    /// tasks alone: the repeated sequences' loss stays near ln(words) until an induction head forms, hundreds of
    /// steps in (Olsson et al. 2022's phase change), and their many scored tokens would hide the answers' fall.</summary>
    private static readonly TinyTrainingOptions Short = new() { Steps = 30, WarmupSteps = 5, BatchSize = 16, LearningRate = 5e-3, RepeatedSequenceShare = 0 };

    /// <summary>A one-layer, 32-wide decoder: enough to compare weights, quick to step.</summary>
    private static readonly Models.Architectures.Gpt2.Gpt2Config Small = TinyModelTrainer.DefaultConfig with { Hidden = 32, Layers = 1 };

    [Test]
    public void Thirty_steps_make_the_decoder_loss_fall()
    {
        using var run = new TinyModelTrainer(Short).Train();
        AssertFalls(run.Losses);
    }

    [Test]
    public void Thirty_steps_make_the_masked_lm_loss_fall()
    {
        using var run = new TinyMaskedLmTrainer(Short).Train();
        AssertFalls(run.Losses);
    }

    [Test]
    public void The_same_seed_gives_identical_weights_and_another_seed_different_ones()
    {
        var options = new TinyTrainingOptions { Steps = 4, WarmupSteps = 1, BatchSize = 4 };
        var first = Weights(new TinyModelTrainer(options).Train(Small));
        var again = Weights(new TinyModelTrainer(options).Train(Small));
        var other = Weights(new TinyModelTrainer(options with { Seed = 2 }).Train(Small));

        Assert.That(again.Keys, Is.EquivalentTo(first.Keys));
        Assert.Multiple(() =>
        {
            foreach (var (name, values) in first) Assert.That(again[name], Is.EqualTo(values), name);
            Assert.That(other["transformer.h.0.attn.c_attn.weight"], Is.Not.EqualTo(first["transformer.h.0.attn.c_attn.weight"]));
        });
    }

    [Test]
    public void Evaluating_held_out_accuracy_during_training_leaves_the_weights_as_they_would_be()
    {
        var options = new TinyTrainingOptions { Steps = 4, WarmupSteps = 1, BatchSize = 4 };
        var heldOut = new TinyCorpus(TinyTokenizerJson.Load(maskedLm: false), options.Seed, "test", 5);
        var plain = Weights(new TinyModelTrainer(options).Train(Small));
        var run = new TinyModelTrainer(options).Train(Small, evaluate: (model, step) => step % 2 == 0 ? HeldOutAccuracy.OfDecoder(model, heldOut) : null);

        Assert.That(run.HeldOut.Select(p => p.Step), Is.EqualTo(new[] { 2, 4 }));
        Assert.That(run.HeldOut.Select(p => p.Accuracy.Keys), Has.All.EquivalentTo(TinyCorpus.Tasks));
        var evaluated = Weights(run);
        Assert.Multiple(() =>
        {
            foreach (var (name, values) in plain) Assert.That(evaluated[name], Is.EqualTo(values), name);
        });
    }

    [Test]
    public void The_same_seed_gives_the_masked_lm_identical_weights()
    {
        var options = new TinyTrainingOptions { Steps = 4, WarmupSteps = 1, BatchSize = 4 };
        var config = TinyMaskedLmTrainer.DefaultConfig with { Hidden = 32, Layers = 1, Intermediate = 64 };
        var first = Weights(new TinyMaskedLmTrainer(options).Train(config));
        var again = Weights(new TinyMaskedLmTrainer(options).Train(config));
        Assert.Multiple(() =>
        {
            foreach (var (name, values) in first) Assert.That(again[name], Is.EqualTo(values), name);
        });
    }

    [Test]
    public void Training_leaves_no_tensor_alive_but_the_model()
    {
        var options = new TinyTrainingOptions { Steps = 3, WarmupSteps = 1, BatchSize = 4 };
        var before = Tensor.LiveCount;
        using (new TinyModelTrainer(options).Train(Small)) { }
        Assert.That(Tensor.LiveCount, Is.EqualTo(before));
    }

    private static void AssertFalls(IReadOnlyList<double> losses)
    {
        var first = losses.Take(5).Average();
        var last = losses.TakeLast(5).Average();
        Assert.Multiple(() =>
        {
            Assert.That(losses, Has.Count.EqualTo(30));
            Assert.That(losses, Has.All.Matches<double>(double.IsFinite));
            Assert.That(last, Is.LessThan(first * 0.8), "the mean loss of the last five steps is not 20% below the first five's");
        });
    }

    /// <summary>Every parameter's values by state-dict name; disposes the run.</summary>
    private static Dictionary<string, float[]> Weights<TModel>(TrainingResult<TModel> run) where TModel : Torch.NN.Module
    {
        using (run)
        using (var scope = torch.NewDisposeScope())
            return run.Model.state_dict().ToDictionary(p => p.Name, p => p.Tensor.contiguous().ToArray<float>());
    }
}
