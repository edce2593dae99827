using System.Diagnostics;
using Harness.Torch;
using Harness.Torch.NN;
using Harness.Torch.Optim;

namespace Harness.Training;

/// <summary>The optimisation loop both tiny trainers share: parameters made trainable, AdamW with decay
/// on matrices only (<see cref="ParameterGroups"/>), warm-up then cosine schedule, global gradient
/// clipping, one loss per step from the trainer's batch; the model is frozen again and returned, or
/// disposed when training fails.</summary>
internal static class TrainingLoop
{
    /// <param name="loss">Step -> the scalar loss of that step's batch (built inside the step's dispose scope).</param>
    /// <param name="evaluate">Steps done (1-based) -> held-out accuracy per task, or null when this step is not
    /// evaluated; runs after the step, off the training clock, and reads the weights only (no RNG, no state),
    /// so evaluating does not change the trained weights.</param>
    public static TrainingResult<TModel> Run<TModel>(TModel model, string name, TinyTrainingOptions options, Func<int, Tensor> loss,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken, Func<int, IReadOnlyDictionary<string, double>?>? evaluate = null)
        where TModel : Module
    {
        try
        {
            model.requires_grad_(true);
            using var groups = new ParameterGroups(model, options);
            var schedule = new CosineSchedule(options.LearningRate, options.WarmupSteps, options.Steps, options.LearningRate * options.MinLearningRateRatio);
            var losses = new List<double>(options.Steps);
            var heldOut = new List<HeldOutPoint>();
            var clock = Stopwatch.StartNew();
            for (var step = 0; step < options.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double learningRate, norm;
                using (var scope = torch.NewDisposeScope())
                {
                    groups.ZeroGrad();
                    var value = loss(step);
                    value.backward();
                    learningRate = schedule.LearningRate(step);
                    norm = groups.Step(learningRate);
                    losses.Add(value.ToDouble());
                }

                clock.Stop();
                var accuracy = evaluate?.Invoke(step + 1);
                if (accuracy is not null) heldOut.Add(new HeldOutPoint(step + 1, accuracy));
                clock.Start();
                progress?.Report(new TrainingProgress(name, step + 1, options.Steps, losses[^1], learningRate, norm, clock.Elapsed, accuracy));
            }

            groups.ZeroGrad();
            model.requires_grad_(false);
            return new TrainingResult<TModel>(model, losses, clock.Elapsed, groups.Count) { HeldOut = heldOut };
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
