namespace Harness.Torch.Optim;

/// <summary>
/// Linear warm-up to <see cref="PeakLearningRate"/> over <see cref="WarmupSteps"/>, then cosine
/// decay to <see cref="MinLearningRate"/> at <see cref="TotalSteps"/>, constant after (as nanoGPT's
/// get_lr; Loshchilov &amp; Hutter, "SGDR", ICLR 2017, eq. 5 without restarts).
/// </summary>
public sealed record CosineSchedule(double PeakLearningRate, long WarmupSteps, long TotalSteps, double MinLearningRate = 0)
{
    /// <summary>The learning rate for step <paramref name="step"/> (0-based).</summary>
    public double LearningRate(long step)
    {
        if (WarmupSteps < 0 || TotalSteps <= WarmupSteps)
            throw new InvalidOperationException($"need 0 <= WarmupSteps < TotalSteps, got {WarmupSteps} and {TotalSteps}");
        if (step < WarmupSteps) return PeakLearningRate * (step + 1) / WarmupSteps;
        if (step >= TotalSteps) return MinLearningRate;
        var progress = (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps);
        return MinLearningRate + 0.5 * (PeakLearningRate - MinLearningRate) * (1 + Math.Cos(Math.PI * progress));
    }
}
