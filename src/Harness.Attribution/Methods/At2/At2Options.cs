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

    /// <summary>Optimisation steps, each on a batch of examples drawn afresh. Source: AT2 trainer, num_iterations = 1000
    /// (the cosine schedule's T_max).</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>Distinct training examples per step, drawn without replacement (all of them where there are fewer).
    /// Source: AT2 trainer, batch_size = 512 (np.random.choice(examples, batch_size, replace=False)).</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Adam's peak learning rate, cosine-annealed to 0 over all steps. Source: AT2 trainer (1e-3, CosineAnnealingLR).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Global gradient-norm clip before each step. Source: AT2 trainer, max_grad_norm = 1.0.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Seed of the masks and of the batches (same seed, same device: the same theta bit for bit): mask i of
    /// every example is numpy's <c>RandomState(Seed + i).choice([False, True], n, p=[1 - keep, keep])</c>, AT2's
    /// create_masks. Source: AT2, base_seed = 0 (its batches come from numpy's unseeded global generator).</summary>
    public ulong Seed { get; init; }

    /// <summary>Fails naming the first option out of range.</summary>
    public void Validate()
    {
        if (Masks < 2) throw new AttributionException($"AT2 training needs at least 2 masks per example to correlate over, got {Masks}");
        if (KeepProbability is <= 0 or >= 1) throw new AttributionException($"AT2's keep probability must lie in (0, 1), got {KeepProbability}");
        if (Iterations < 1) throw new AttributionException($"AT2 training needs at least 1 iteration, got {Iterations}");
        if (Seed > uint.MaxValue - (ulong)(Masks - 1))
            throw new AttributionException($"AT2's seed + masks - 1 must lie in [0, 2^32 - 1] as numpy's RandomState seeds do, got seed {Seed} with {Masks} masks");
        if (BatchSize < 1) throw new AttributionException($"AT2's batch size must be at least 1, got {BatchSize}");
        if (!(LearningRate > 0)) throw new AttributionException($"AT2's learning rate must be positive, got {LearningRate}");
        if (!(MaxGradNorm > 0)) throw new AttributionException($"AT2's gradient-norm clip must be positive, got {MaxGradNorm}");
    }
}
