namespace Harness.Attribution.Methods;

/// <summary>The two phases of <see cref="At2Trainer.Train"/>.</summary>
public enum At2TrainingStage
{
    /// <summary>Features and masked outputs of each example (forward passes).</summary>
    Observing,

    /// <summary>Adam steps on theta.</summary>
    Optimising,
}
