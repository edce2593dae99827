using Harness.Models;
using Harness.Models.Architectures.Gpt2;
using Harness.Models.Loading;
using Harness.Torch;

namespace Harness.Training;

/// <summary>
/// Trains the embedded default decoder: a GPT-2 (GPT2LMHeadModel layout, tied head) from seeded
/// random weights (positions at sinusoids, <see cref="SinusoidalPositions"/>) on the mixed synthetic
/// tasks' train split with <see cref="RepeatedSequences"/> mixed in, next-token cross-entropy on
/// <see cref="TinyTrainingOptions.LossTokens"/>, AdamW (decay on matrices only), warm-up then cosine
/// schedule, global gradient clipping. Same options and seed: the same weights (on one machine and
/// thread count; libtorch's CPU kernels are deterministic there). No dropout: the model has none,
/// and the stream never repeats an example within the default steps.
/// </summary>
internal sealed class TinyModelTrainer(TinyTrainingOptions? options = null)
{
    private readonly TinyTrainingOptions options = options ?? new TinyTrainingOptions();

    /// <summary>The default architecture (harness choice: ~0.86M parameters, 3.4 MB in float32, sized for
    /// training on this machine's CPU in about 47 minutes on one thread; four layers give the recall tasks room for a
    /// previous-token head and an induction head (Olsson et al. 2022) with layers to spare; 128 positions
    /// hold the longest prompt, about 75 tokens). Three layers of 96 (0.38M) stalled near 20% on key-value
    /// recall.</summary>
    public static Gpt2Config DefaultConfig => new()
    {
        VocabSize = TinyVocabulary.Tokens.Count,
        MaxPositions = 128,
        Hidden = 128,
        Layers = 4,
        Heads = 4,
        InitializerRange = 0.02,
        BosTokenId = TinyVocabulary.BosId,
        EosTokenId = TinyVocabulary.EosId,
    };

    public TinyTrainingOptions Options => options;

    /// <param name="evaluate">(model, steps done) -> held-out accuracy per task, or null to skip that step
    /// (see <see cref="TrainingLoop.Run{TModel}"/>).</param>
    public TrainingResult<Gpt2Model> Train(Gpt2Config? config = null, IProgress<TrainingProgress>? progress = null,
        Func<Gpt2Model, int, IReadOnlyDictionary<string, double>?>? evaluate = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        config ??= DefaultConfig;
        var (taskCount, repeatCount) = Split(options);
        var corpus = new TinyCorpus(TinyTokenizerJson.Load(maskedLm: false), options.Seed, "train", TinyCorpus.PerTaskFor(options.Steps, taskCount, options.TaskWeights), options.TaskWeights);
        var repeats = RepeatedSequences.ForTraining(options.Seed);
        var model = Initial(config);
        return TrainingLoop.Run(model, "tiny-gpt2", options, step =>
        {
            IReadOnlyList<TokenizedExample> examples = [.. corpus.Batch(step, taskCount), .. repeats.Batch(step * repeatCount, repeatCount)];
            var batch = DecoderBatch.From(examples, options.LossTokens);
            var logits = model.Forward(ModelInput.FromIds(batch.Ids)).Logits;                          // [B, T, V]
            return WeightedCrossEntropy.Compute(logits, batch.Labels, batch.Weights);
        }, progress, cancellationToken, evaluate is null ? null : step => evaluate(model, step));
    }

    /// <summary>Task examples and repeated sequences per batch: the repeats' share rounded, at least one task example.</summary>
    public static (int Tasks, int Repeats) Split(TinyTrainingOptions options)
    {
        var repeats = Math.Min(options.BatchSize - 1, (int)Math.Round(options.BatchSize * options.RepeatedSequenceShare, MidpointRounding.AwayFromZero));
        return (options.BatchSize - repeats, repeats);
    }

    /// <summary>The seeded starting weights: Hugging Face's GPT-2 initialisation, positions at sinusoids when the options say so.</summary>
    private Gpt2Model Initial(Gpt2Config config)
    {
        using var random = new RandomWeights(options.Seed, config.InitializerRange);
        IWeightSource weights = options.SinusoidalPositions
            ? new SinusoidalPositions(random, "transformer.wpe.weight", SinusoidalPositions.DefaultAmplitude)
            : random;
        return new Gpt2Model(weights, config);
    }
}
