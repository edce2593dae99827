using Harness.Models.Architectures.Gpt2;
using Harness.Models.Architectures.Roberta;

namespace Harness.Training;

/// <summary>
/// Trains both embedded default models with one set of options and saves them, each with its card,
/// under <c>{root}/tiny-gpt2</c> and <c>{root}/tiny-roberta</c>; held-out accuracy is measured on the
/// "test" split of the training seed (the split the experiments evaluate), never seen in training.
/// </summary>
public static class TinyModels
{
    /// <summary>Folder of the tiny GPT-2 decoder under the models root.</summary>
    public const string DecoderFolder = "tiny-gpt2";
    /// <summary>Folder of the tiny RoBERTa masked LM (ReAGent's replacer) under the models root.</summary>
    public const string MaskedLmFolder = "tiny-roberta";

    /// <summary>The masked LM's default steps (harness choice).</summary>
    public const int MaskedLmSteps = 300;

    /// <param name="maskedLmOptions">The masked LM's options; null: the decoder's with
    /// <see cref="MaskedLmSteps"/> steps at most (filling one word in needs far fewer steps than recall).</param>
    public static (TinyModelCard Decoder, TinyModelCard MaskedLm) TrainAndSave(string root, TinyTrainingOptions options, TinyTrainingOptions? maskedLmOptions = null,
        Gpt2Config? decoderConfig = null, RobertaConfig? maskedLmConfig = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        maskedLmOptions ??= options with { Steps = Math.Min(options.Steps, MaskedLmSteps) };
        var heldOut = new TinyCorpus(TinyTokenizerJson.Load(maskedLm: false), options.Seed, "test", options.HeldOutPerTask);

        TinyModelCard decoderCard;
        Func<Gpt2Model, int, IReadOnlyDictionary<string, double>?>? evaluate = options.EvaluateEvery > 0
            ? (model, step) => step % options.EvaluateEvery == 0 && step < options.Steps ? HeldOutAccuracy.OfDecoder(model, heldOut) : null
            : null;
        using (var decoder = new TinyModelTrainer(options).Train(decoderConfig, progress, evaluate, cancellationToken))
        {
            decoderCard = TinyModelCard.Of(DecoderFolder, "GPT2LMHeadModel", decoder, options, HeldOutAccuracy.OfDecoder(decoder.Model, heldOut))
                with
                {
                    RepeatedSequenceShare = options.RepeatedSequenceShare, SinusoidalPositions = options.SinusoidalPositions, LossTokens = options.LossTokens.ToString(),
                    AccuracyCurve = decoder.HeldOut.Count > 0 ? decoder.HeldOut : null,
                };
            var directory = Path.Combine(root, DecoderFolder);
            TinyModelFolder.WriteDecoder(directory, decoder.Model);
            decoderCard.Write(directory);
        }

        TinyModelCard maskedLmCard;
        using (var maskedLm = new TinyMaskedLmTrainer(maskedLmOptions).Train(maskedLmConfig, progress, cancellationToken))
        {
            maskedLmCard = TinyModelCard.Of(MaskedLmFolder, "RobertaForMaskedLM", maskedLm, maskedLmOptions, HeldOutAccuracy.OfMaskedLm(maskedLm.Model, heldOut));
            var directory = Path.Combine(root, MaskedLmFolder);
            TinyModelFolder.WriteMaskedLm(directory, maskedLm.Model);
            maskedLmCard.Write(directory);
        }

        return (decoderCard, maskedLmCard);
    }
}
