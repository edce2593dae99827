using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>Options of AT2's training (<see cref="At2Trainer"/>); the at2 attributor itself has none,
/// it scores with the estimator it is given. Source: spec/attributors.md "AT2" and AT2's
/// LinearScoreEstimatorTrainer (MadryLab/AT2, at2/attribution/trainer.py).</summary>
public sealed record At2Options
{
    /// <summary>Random source masks per training example. Source: AT2 trainer, num_masks = 32.</summary>
    public int Masks { get; init; } = 32;

    /// <summary>Probability that a source stays in a mask. Source: AT2, alpha = 0.5.</summary>
    public double KeepProbability { get; init; } = 0.5;

    /// <summary>How a masked source is taken out for y = f(v) (spec/metrics.md section 5). Source: AT2's
    /// ablation_method "mask" (attention mask 0), its default.</summary>
    public Ablation Ablation { get; init; } = Ablation.Attention;

    /// <summary>For <see cref="Ablation.Remove"/>: the token standing for an emptied context (e.g. BOS).</summary>
    public long? ReplacementTokenId { get; init; }

    /// <summary>Passes over the training examples. Source: AT2 trains 1,000 iterations of 512 examples;
    /// with at most <see cref="BatchSize"/> examples an epoch is one iteration, so the defaults
    /// repeat AT2's schedule.</summary>
    public int Epochs { get; init; } = 1000;

    /// <summary>Training examples per optimisation step (the last batch of an epoch may be smaller).
    /// Source: AT2 trainer, batch_size = 512.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Adam's peak learning rate, cosine-annealed to 0 over all steps. Source: AT2 trainer (1e-3, CosineAnnealingLR).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Global gradient-norm clip before each step. Source: AT2 trainer, max_grad_norm = 1.0.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Seed of the masks and of the batch order (same seed, same device: the same theta bit for bit).
    /// Source: AT2, base_seed = 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Fails naming the first option out of range.</summary>
    public void Validate()
    {
        if (Masks < 2) throw new AttributionException($"AT2 training needs at least 2 masks per example to correlate over, got {Masks}");
        if (KeepProbability is <= 0 or >= 1) throw new AttributionException($"AT2's keep probability must lie in (0, 1), got {KeepProbability}");
        if (Epochs < 1) throw new AttributionException($"AT2 training needs at least 1 epoch, got {Epochs}");
        if (BatchSize < 1) throw new AttributionException($"AT2's batch size must be at least 1, got {BatchSize}");
        if (!(LearningRate > 0)) throw new AttributionException($"AT2's learning rate must be positive, got {LearningRate}");
        if (!(MaxGradNorm > 0)) throw new AttributionException($"AT2's gradient-norm clip must be positive, got {MaxGradNorm}");
    }
}
