namespace Harness.Experiments.Training;

/// <summary>A trained model with the loss of every step and the wall time training took; disposing
/// it disposes the model.</summary>
public sealed record TrainingResult<TModel>(TModel Model, IReadOnlyList<double> Losses, TimeSpan Elapsed, long Parameters) : IDisposable
    where TModel : IDisposable
{
    public void Dispose() => Model.Dispose();
}
