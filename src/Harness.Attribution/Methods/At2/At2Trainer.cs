using Harness.Attribution.Core;
using Harness.Scoring;
using Harness.Torch;
using Harness.Torch.Optim;

namespace Harness.Attribution.Methods;

/// <summary>
/// Trains AT2's estimator (spec/attributors.md "AT2"; AT2's LinearScoreEstimatorTrainer). First
/// <see cref="Observe"/>: for every example, in one <see cref="AttributionRun"/>, the features phi
/// (one forward pass) and y = f(v) for <see cref="At2Options.Masks"/> source masks, the same for every example as
/// AT2's create_masks draws them (mask i from numpy's RandomState(seed + i), keep <see cref="At2Options.KeepProbability"/>),
/// f = log P - log(1 - P) of the whole target with the masked sources ablated (spec/metrics.md section 5, computed
/// stably by LogitProbability.FromLogProbability, which caps log P just below 0 where the model is certain in float
/// precision), batched through <see cref="ContextAblator"/>; features and outputs are kept in float16, as AT2 stores
/// and batches them. Then <see cref="Fit"/>: theta = 1 / (layers * heads); <see cref="At2Options.Iterations"/> steps,
/// each on <see cref="At2Options.BatchSize"/> distinct examples drawn afresh (seeded); per step the loss
/// <see cref="PearsonCorrelationLoss"/> of the predictions sum_j (2 v_j - 1) tau_j against y, Adam
/// (AdamW with weight decay 0) with the gradient norm clipped to <see cref="At2Options.MaxGradNorm"/>
/// and the learning rate cosine-annealed from <see cref="At2Options.LearningRate"/> to 0 over the
/// steps (CosineAnnealingLR with T_max = iterations); after training theta / |theta|_1. The optimisation runs
/// on the CPU in float64 (theta has only layers * heads weights; the observations are small).
/// </summary>
public sealed class At2Trainer(At2Options? options = null)
{
    private readonly At2Options options = options ?? new At2Options();

    /// <summary>Observes the set and fits theta: the trained estimator with the set's provenance.</summary>
    public At2Estimator Train(At2TrainingSet set, IProgress<At2TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Fit(set, Observe(set, progress, cancellationToken), progress, cancellationToken);

    /// <summary>Features and outputs of every training example (1 + masks forward passes each).</summary>
    public At2Observations Observe(At2TrainingSet set, IProgress<At2TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (set.Examples.Count == 0) throw new AttributionException("AT2 training needs at least one example");
        var (features, outputs, masks, costs) = (new double[set.Examples.Count][][], new double[set.Examples.Count][], new bool[set.Examples.Count][][], new CostRecord[set.Examples.Count]);
        var (layers, heads) = (0, 0);
        for (var e = 0; e < set.Examples.Count; e++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var run = new AttributionRun(set.Examples[e] with { Objective = Objective.LogProb }, cancellationToken);
            var phi = At2Features.Of(run);
            if (e == 0) (layers, heads) = (phi.Layers, phi.Heads);
            else if ((phi.Layers, phi.Heads) != (layers, heads))
                throw new AttributionException($"training example {e} has {phi.Layers} layers x {phi.Heads} heads, the first {layers} x {heads}: one estimator is trained on one model");
            var n = run.Sources.Count;
            masks[e] = NumpyRandomState.AblationMasks(options.Masks, n, options.KeepProbability, (uint)options.Seed).ToArray();
            var logProbabilities = new ContextAblator(run, options.Ablation, options.ReplacementTokenId).Score(masks[e]);
            outputs[e] = logProbabilities.Select(lp => Half(LogitProbability.FromLogProbability(lp))).ToArray();
            features[e] = masks[e].Select(v => Masked(phi, v).Select(Half).ToArray()).ToArray();
            costs[e] = run.Meter.Stop(run.Request.Model.Device.ToString(), run.Request.Model.DType.ToString());
            progress?.Report(new At2TrainingProgress(At2TrainingStage.Observing, e + 1, set.Examples.Count, double.NaN));
        }

        return new At2Observations(layers, heads, features, outputs, masks, costs);
    }

    /// <summary>Fits theta on observations computed once (see the class summary for the loop).</summary>
    public At2Estimator Fit(At2TrainingSet set, At2Observations data, IProgress<At2TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var (examples, masks, width) = (data.Examples, data.Outputs[0].Length, data.Layers * data.Heads);
        using var scope = torch.NewDisposeScope();
        // theta is fitted on the CPU: the observations are host arrays and theta has layers x heads entries.
        var x = torch.tensor(data.Features.SelectMany(e => e.SelectMany(row => row)).ToArray(), [examples, masks, width], device: Device.CPU); // [E, M, F]
        var y = torch.tensor(data.Outputs.SelectMany(row => row).ToArray(), [examples, masks], device: Device.CPU);            // [E, M]
        var theta = torch.tensor(Enumerable.Repeat(1.0 / width, width).ToArray(), device: Device.CPU, requires_grad: true);    // [F]
        using var adam = new AdamW([theta], new AdamWOptions { LearningRate = options.LearningRate, WeightDecay = 0, MaxGradNorm = options.MaxGradNorm });
        var batchSize = Math.Min(options.BatchSize, examples);
        var steps = options.Iterations;
        var schedule = new CosineSchedule(options.LearningRate, WarmupSteps: 0, TotalSteps: steps);
        using var batches = new CoalitionSampler(options.Seed);
        for (var step = 0; step < steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var stepScope = torch.NewDisposeScope();
            // AT2's _sample_batch: batch_size distinct examples, uniformly (np.random.choice(..., replace=False)).
            var rows = batches.Permutation(examples).Take(batchSize).Select(i => (long)i).ToArray();
            var index = torch.tensor(rows, device: Device.CPU);
            adam.lr = schedule.LearningRate(step);
            adam.zero_grad();
            var predictions = x.index_select(0, index).matmul(theta);                                      // [b, M, F] x [F] -> [b, M]
            var loss = PearsonCorrelationLoss.Of(predictions, y.index_select(0, index));
            loss.backward();
            adam.step();
            progress?.Report(new At2TrainingProgress(At2TrainingStage.Optimising, step + 1, steps, loss.ToDouble()));
        }

        var trained = theta.detach().ToArray<double>();
        var l1 = trained.Sum(Math.Abs);
        if (!(l1 > 0) || !double.IsFinite(l1)) throw new AttributionException($"AT2 training ended with theta's L1 norm {l1}; nothing to normalise");
        return new At2Estimator(trained.Select(t => t / l1).ToArray(), data.Layers, data.Heads, set.Model, set.Dataset, set.SourceUnit, options.Seed);
    }

    /// <summary>A value as float16 holds it (AT2 stores features and batches outputs as np.float16).</summary>
    private static double Half(double value) => (double)(System.Half)value;

    /// <summary>x_v = sum_j (2 v_j - 1) phi_j, so theta^T x_v = sum_j (2 v_j - 1) tau_j.</summary>
    private static double[] Masked(At2Features phi, bool[] keep)
    {
        var x = new double[phi.Count];
        for (var j = 0; j < keep.Length; j++)
        {
            var sign = keep[j] ? 1.0 : -1.0;
            for (var f = 0; f < x.Length; f++) x[f] += sign * phi.PerSource[j][f];
        }

        return x;
    }
}
