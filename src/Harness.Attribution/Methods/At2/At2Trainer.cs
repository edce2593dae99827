using Harness.Attribution.Core;
using Harness.Scoring;
using Harness.Torch;
using Harness.Torch.Optim;

namespace Harness.Attribution.Methods;

/// <summary>
/// Trains AT2's estimator (spec/attributors.md "AT2"; AT2's LinearScoreEstimatorTrainer, at2/attribution/trainer.py).
/// First <see cref="Observe"/>: for every target of every example, in one <see cref="AttributionRun"/>, the features
/// phi (one forward pass) and y = f(v) for <see cref="At2Options.Masks"/> source masks, the same for every example as
/// AT2's create_masks draws them (mask i from numpy's RandomState(seed + i), keep <see cref="At2Options.KeepProbability"/>),
/// f = log P - log(1 - P) of the target's tokens with the masked sources ablated (spec/metrics.md section 5, AT2's
/// aggregate_logit_probs; computed stably by LogitProbability.FromLogProbability, which caps log P just below 0 where
/// the model is certain in float precision), batched through <see cref="ContextAblator"/>; features and outputs are
/// kept in float16, as AT2 stores and batches them. Then <see cref="Fit"/>, AT2's train() in its default float32:
/// theta = 1 / (layers * heads); <see cref="At2Options.Iterations"/> steps, each on <see cref="At2Options.BatchSize"/>
/// distinct examples and one random target of each, drawn as _sample_batch draws them from numpy's global generator
/// (here seeded with <see cref="At2Options.Seed"/>); per step the loss <see cref="PearsonCorrelationLoss"/> of the
/// predictions sum_j (2 v_j - 1) tau_j against y, Adam (AdamW with weight decay 0) with the gradient norm clipped to
/// <see cref="At2Options.MaxGradNorm"/> and the learning rate cosine-annealed from <see cref="At2Options.LearningRate"/>
/// to 0 over the steps (CosineAnnealingLR with T_max = iterations); after training theta / |theta|_1
/// (finalize_parameters). theta has only layers * heads weights and is fitted on the CPU.
/// </summary>
public sealed class At2Trainer(At2Options? options = null)
{
    private readonly At2Options options = options ?? new At2Options();

    /// <summary>Observes the set and fits theta: the trained estimator with the set's provenance.</summary>
    public At2Estimator Train(At2TrainingSet set, IProgress<At2TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Fit(set, Observe(set, progress, cancellationToken), progress, cancellationToken);

    /// <summary>Features and outputs of every target of every example (1 + masks forward passes each).</summary>
    public At2Observations Observe(At2TrainingSet set, IProgress<At2TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var count = set.Examples.Count;
        if (set.Examples.All(targets => targets.Count == 0)) throw new AttributionException("AT2 training needs at least one example with a target");
        var (features, outputs, masks, costs) = (new Half[count][][][], new double[count][][], new bool[count][][], new CostRecord[count][]);
        (int Layers, int Heads)? shape = null;
        for (var e = 0; e < count; e++)
        {
            var targets = set.Examples[e];
            (features[e], outputs[e], costs[e], masks[e]) = (new Half[targets.Count][][], new double[targets.Count][], new CostRecord[targets.Count], []);
            for (var t = 0; t < targets.Count; t++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var run = new AttributionRun(targets[t] with { Objective = Objective.LogProb }, cancellationToken);
                var phi = At2Features.Of(run);
                shape ??= (phi.Layers, phi.Heads);
                if ((phi.Layers, phi.Heads) != shape)
                    throw new AttributionException($"training example {e} has {phi.Layers} layers x {phi.Heads} heads, an earlier one {shape.Value.Layers} x {shape.Value.Heads}: one estimator is trained on one model");
                var n = run.Sources.Count;
                if (t == 0) masks[e] = NumpyRandomState.AblationMasks(options.Masks, n, options.KeepProbability, (uint)options.Seed).ToArray();
                else if (masks[e][0].Length != n)
                    throw new AttributionException($"training example {e}: target {t} has {n} sources, target 0 {masks[e][0].Length}; an example's targets share its sources");
                var logProbabilities = new ContextAblator(run, options.Ablation, options.ReplacementTokenId).Score(masks[e]);
                outputs[e][t] = logProbabilities.Select(lp => (double)(Half)LogitProbability.FromLogProbability(lp)).ToArray();
                features[e][t] = masks[e].Select(v => Masked(phi, v).Select(x => (Half)x).ToArray()).ToArray();
                costs[e][t] = run.Meter.Stop(run.Request.Model.Device.ToString(), run.Request.Model.DType.ToString());
            }

            progress?.Report(new At2TrainingProgress(At2TrainingStage.Observing, e + 1, count, double.NaN));
        }

        return new At2Observations(shape!.Value.Layers, shape.Value.Heads, features, outputs, masks, costs);
    }

    /// <summary>Fits theta on observations computed once (see the class summary for the loop); the set gives the provenance.</summary>
    public At2Estimator Fit(At2TrainingSet set, At2Observations data, IProgress<At2TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        // AT2 trains on the examples with at least one target (train(): "Exclude examples without at least one target").
        var eligible = Enumerable.Range(0, data.Examples).Where(e => data.Outputs[e].Length > 0).ToArray();
        if (eligible.Length == 0) throw new AttributionException("AT2 training needs at least one example with a target");
        var (masks, width) = (data.Outputs[eligible[0]][0].Length, data.Layers * data.Heads);
        using var scope = torch.NewDisposeScope();
        // float32 as AT2's train(dtype=ch.float32); nn.Linear's weight starts at 1 / num_features.
        var theta = torch.full([width], 1.0 / width, ScalarType.Float32, device: Device.CPU).requires_grad_(true);        // [F]
        using var adam = new AdamW([theta], new AdamWOptions { LearningRate = options.LearningRate, WeightDecay = 0, MaxGradNorm = options.MaxGradNorm });
        var batchSize = Math.Min(options.BatchSize, eligible.Length);
        var steps = options.Iterations;
        var schedule = new CosineSchedule(options.LearningRate, WarmupSteps: 0, TotalSteps: steps);
        var numpy = NumpyRandomState.Seeded(options.Seed);
        var (batchFeatures, batchOutputs) = (new float[batchSize * masks * width], new float[batchSize * masks]);
        for (var step = 0; step < steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var stepScope = torch.NewDisposeScope();
            // _sample_batch, sampling_method "examples": np.random.choice(examples, batch_size, replace=False), then
            // np.random.randint(num_targets) for each chosen example, in order.
            var chosen = numpy.Permutation(eligible.Length).Take(batchSize).Select(i => eligible[i]).ToArray();
            for (var b = 0; b < batchSize; b++)
            {
                var target = numpy.RandInt(data.Outputs[chosen[b]].Length);
                var (x, y) = (data.Features[chosen[b]][target], data.Outputs[chosen[b]][target]);
                for (var m = 0; m < masks; m++)
                {
                    batchOutputs[b * masks + m] = (float)y[m];
                    for (var f = 0; f < width; f++) batchFeatures[(b * masks + m) * width + f] = (float)x[m][f];
                }
            }

            adam.lr = schedule.LearningRate(step);
            adam.zero_grad();
            var predictions = torch.tensor(batchFeatures, [batchSize, masks, width], device: Device.CPU).matmul(theta);      // [b, M]
            var loss = PearsonCorrelationLoss.Of(predictions, torch.tensor(batchOutputs, [batchSize, masks], device: Device.CPU));
            loss.backward();
            adam.step();
            progress?.Report(new At2TrainingProgress(At2TrainingStage.Optimising, step + 1, steps, loss.ToDouble()));
        }

        var trained = theta.detach().div(theta.detach().abs().sum()).to(ScalarType.Float64).ToArray<double>();          // weight / ||weight||_1
        if (!trained.All(double.IsFinite) || trained.All(t => t == 0))
            throw new AttributionException("AT2 training ended with theta's L1 norm 0 or not finite; nothing to normalise");
        return new At2Estimator(trained, data.Layers, data.Heads, set.Model, set.Dataset, set.SourceUnit, options.Seed);
    }

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
