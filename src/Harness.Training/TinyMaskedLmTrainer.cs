using Harness.Data.Synthetic;
using Harness.Models;
using Harness.Models.Architectures.Roberta;
using Harness.Models.Loading;
using Harness.Torch;

namespace Harness.Training;

/// <summary>
/// Trains the masked LM ReAGent's replacer proposes tokens with: a RoBERTa (RobertaForMaskedLM
/// layout, tied decoder) on the same vocabulary and the same train-split texts as the decoder, with
/// BERT's 15% masking (<see cref="MaskedLmBatch"/>), cross-entropy on the chosen positions, and the
/// decoder's optimiser and schedule. The masking of step s is drawn from SplitMix64.ForExample(seed, s),
/// so a seed gives the same weights.
/// </summary>
internal sealed class TinyMaskedLmTrainer(TinyTrainingOptions? options = null)
{
    private readonly TinyTrainingOptions options = options ?? new TinyTrainingOptions();

    /// <summary>The default architecture (harness choice: two layers suffice to fill one word from
    /// its context; 130 position rows hold 128 tokens, as positions start at pad_token_id + 1).</summary>
    public static RobertaConfig DefaultConfig => new()
    {
        VocabSize = TinyVocabulary.Tokens.Count,
        Hidden = 64,
        Layers = 2,
        Heads = 4,
        Intermediate = 256,
        MaxPositions = 130,
        TypeVocabSize = 1,
        // Source: roberta-base's config.json (layer_norm_eps 1e-5).
        LayerNormEps = 1e-5,
        InitializerRange = 0.02,
        PadTokenId = TinyVocabulary.PadId,
        BosTokenId = TinyVocabulary.BosId,
        EosTokenId = TinyVocabulary.EosId,
        MaskTokenId = TinyVocabulary.MaskId,
    };

    public TrainingResult<RobertaMaskedLm> Train(RobertaConfig? config = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        config ??= DefaultConfig;
        var corpus = new TinyCorpus(TinyTokenizerJson.Load(maskedLm: false), options.Seed, "train", TinyCorpus.PerTaskFor(options.Steps, options.BatchSize, options.TaskWeights), options.TaskWeights);
        RobertaMaskedLm model;
        using (var weights = new RandomWeights(options.Seed, config.InitializerRange)) model = new RobertaMaskedLm(weights, config);
        return TrainingLoop.Run(model, "tiny-roberta", options, step =>
        {
            var batch = MaskedLmBatch.From(corpus.Batch(step, options.BatchSize), SplitMix64.ForExample(options.Seed, step));
            var logits = model.Forward(ModelInput.FromIds(batch.Ids, batch.AttentionMask)).Logits;                          // [B, T, V]
            return WeightedCrossEntropy.Compute(logits, batch.Labels, batch.Weights);
        }, progress, cancellationToken);
    }
}
