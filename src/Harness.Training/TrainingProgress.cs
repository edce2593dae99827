using System.Text.Json.Serialization;

namespace Harness.Training;

/// <summary>Reported after each optimizer step: the step (1-based), its loss, learning rate and
/// gradient norm before clipping, the training time so far (held-out evaluation excluded), and the
/// held-out accuracy per task when this step was evaluated (<see cref="TinyTrainingOptions.EvaluateEvery"/>).</summary>
public sealed record TrainingProgress(string Model, int Step, int TotalSteps, double Loss, double LearningRate, double GradientNorm, TimeSpan Elapsed,
    IReadOnlyDictionary<string, double>? HeldOut = null);

/// <summary>Held-out accuracy per task after <see cref="Step"/> optimizer steps.</summary>
public sealed record HeldOutPoint(
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("accuracy")] IReadOnlyDictionary<string, double> Accuracy);
