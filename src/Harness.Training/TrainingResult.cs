namespace Harness.Training;

/// <summary>A trained model with the loss of every step, the wall time training took (held-out
/// evaluation excluded) and the held-out accuracies measured along the way; disposing it disposes the model.</summary>
internal sealed record TrainingResult<TModel>(TModel Model, IReadOnlyList<double> Losses, TimeSpan Elapsed, long Parameters) : IDisposable
    where TModel : IDisposable
{
    /// <summary>The accuracies measured during training, by step (empty when none were asked for).</summary>
    public IReadOnlyList<HeldOutPoint> HeldOut { get; init; } = [];

    public void Dispose() => Model.Dispose();
}
