namespace Harness.Attribution.Methods;

/// <summary>Progress of AT2's training: <paramref name="Done"/> of <paramref name="Total"/> examples
/// observed or steps taken; <paramref name="Loss"/> is the last step's loss (NaN while observing).</summary>
public sealed record At2TrainingProgress(At2TrainingStage Stage, int Done, int Total, double Loss);
