namespace Harness.Experiments.Training;

/// <summary>Reported after each optimizer step: the step (1-based), its loss, learning rate and
/// gradient norm before clipping, and the time since training began.</summary>
public sealed record TrainingProgress(string Model, int Step, int TotalSteps, double Loss, double LearningRate, double GradientNorm, TimeSpan Elapsed);
