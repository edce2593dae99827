using System.Diagnostics;
using Harness.Models;
using Harness.Models.Architectures.Gpt2;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.Optim;

namespace Harness.Experiments.Training;

/// <summary>
/// Trains the embedded default decoder: a GPT-2 (GPT2LMHeadModel layout, tied head) from seeded
/// random weights on the mixed synthetic tasks' train split, next-token cross-entropy on
/// <see cref="TinyTrainingOptions.LossTokens"/>, AdamW (decay on matrices only), warm-up then cosine
/// schedule, global gradient clipping. Same options and seed: the same weights (on one machine and
/// thread count; libtorch's CPU kernels are deterministic there). No dropout: the model has none,
/// and the stream never repeats an example within the default steps.
/// </summary>
public sealed class TinyModelTrainer(TinyTrainingOptions? options = null)
{
    private readonly TinyTrainingOptions options = options ?? new TinyTrainingOptions();

    /// <summary>The default architecture (harness choice: ~0.38M parameters, 1.5 MB in float32, sized
    /// for training on two shared CPU cores; three layers give the recall tasks a copy-and-retrieve
    /// path; 128 positions hold the longest prompt, about 75 tokens).</summary>
    public static Gpt2Config DefaultConfig => new()
    {
        VocabSize = TinyVocabulary.Tokens.Count,
        MaxPositions = 128,
        Hidden = 96,
        Layers = 3,
        Heads = 4,
        InitializerRange = 0.02,
        BosTokenId = TinyVocabulary.BosId,
        EosTokenId = TinyVocabulary.EosId,
    };

    public TinyTrainingOptions Options => options;

    public TrainingResult<Gpt2Model> Train(Gpt2Config? config = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        config ??= DefaultConfig;
        var corpus = new TinyCorpus(TinyTokenizerJson.Load(maskedLm: false), options.Seed, "train", TinyCorpus.PerTaskFor(options.Steps, options.BatchSize));
        Gpt2Model model;
        using (var weights = new RandomWeights(options.Seed, config.InitializerRange)) model = new Gpt2Model(weights, config);
        try
        {
            model.requires_grad_(true);
            using var groups = new ParameterGroups(model, options);
            var schedule = new CosineSchedule(options.LearningRate, options.WarmupSteps, options.Steps, options.LearningRate * options.MinLearningRateRatio);
            var losses = new List<double>(options.Steps);
            var clock = Stopwatch.StartNew();
            for (var step = 0; step < options.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var batch = DecoderBatch.From(corpus.Batch(step, options.BatchSize), options.LossTokens);
                groups.ZeroGrad();
                var logits = model.Forward(ModelInput.FromIds(batch.Ids)).Logits;   // [B, T, V]
                var loss = WeightedCrossEntropy.Compute(logits, batch.Labels, batch.Weights);
                loss.backward();
                var learningRate = schedule.LearningRate(step);
                var norm = groups.Step(learningRate);
                losses.Add(loss.ToDouble());
                progress?.Report(new TrainingProgress("tiny-gpt2", step + 1, options.Steps, losses[^1], learningRate, norm, clock.Elapsed));
            }

            groups.ZeroGrad();
            model.requires_grad_(false);
            return new TrainingResult<Gpt2Model>(model, losses, clock.Elapsed, groups.Count);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
