using Harness.Models;
using Harness.Models.Architectures.Gpt2;
using Harness.Models.Loading;
using Harness.Torch;

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
        return TrainingLoop.Run(model, "tiny-gpt2", options, step =>
        {
            var batch = DecoderBatch.From(corpus.Batch(step, options.BatchSize), options.LossTokens);
            var logits = model.Forward(ModelInput.FromIds(batch.Ids)).Logits;                          // [B, T, V]
            return WeightedCrossEntropy.Compute(logits, batch.Labels, batch.Weights);
        }, progress, cancellationToken);
    }
}
