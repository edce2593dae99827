using Harness.Data.Synthetic;
using Harness.Training;
using Harness.Models;
using Harness.Models.Architectures.Roberta;
using Harness.Models.Tokenization;
using Harness.Torch;

namespace Harness.Training.Tests;

/// <summary>The saved folders: Hugging Face layout that the harness loads back to the same logits,
/// and a training.json with an accuracy for every task.</summary>
[Fast]
public sealed class TinyModelsTests
{
    private static readonly TinyTrainingOptions Options = new() { Steps = 6, WarmupSteps = 1, BatchSize = 4, HeldOutPerTask = 10, EvaluateEvery = 3 };
    private static readonly Models.Architectures.Gpt2.Gpt2Config Decoder = TinyModelTrainer.DefaultConfig with { Hidden = 32, Layers = 1 };
    private static readonly RobertaConfig MaskedLm = TinyMaskedLmTrainer.DefaultConfig with { Hidden = 32, Layers = 1, Intermediate = 64 };

    private string root = "";
    private (TinyModelCard Decoder, TinyModelCard MaskedLm) cards;

    [OneTimeSetUp]
    public void TrainAndSave()
    {
        root = Path.Combine(Path.GetTempPath(), "tiny-models-" + Guid.NewGuid().ToString("N"));
        cards = TinyModels.TrainAndSave(root, Options, Options, Decoder, MaskedLm);
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(root, recursive: true);

    private string DecoderPath => Path.Combine(root, TinyModels.DecoderFolder);

    private string MaskedLmPath => Path.Combine(root, TinyModels.MaskedLmFolder);

    [Test]
    public void Both_folders_hold_the_hugging_face_files()
    {
        Assert.Multiple(() =>
        {
            foreach (var file in new[] { "config.json", "model.safetensors", "tokenizer.json", "generation_config.json", "training.json" })
                Assert.That(File.Exists(Path.Combine(DecoderPath, file)), file);
            foreach (var file in new[] { "config.json", "model.safetensors", "tokenizer.json", "training.json" })
                Assert.That(File.Exists(Path.Combine(MaskedLmPath, file)), file);
        });
    }

    [Test]
    public void The_decoder_loads_with_model_loader_and_gives_the_logits_of_the_model_it_was_saved_from()
    {
        using var scope = torch.NewDisposeScope();
        using var run = new TinyModelTrainer(Options).Train(Decoder);            // the same seed: the saved weights
        using var loaded = ModelLoader.Load(DecoderPath);
        var ids = Ids(Tokenizer.FromFile(Path.Combine(DecoderPath, "tokenizer.json")), addSpecialTokens: false);
        var expected = run.Model.Forward(ModelInput.FromIds(ids)).Logits;
        var actual = loaded.Forward(ModelInput.FromIds(ids)).Logits;
        Assert.Multiple(() =>
        {
            Assert.That(loaded.ModelType, Is.EqualTo("gpt2"));
            Assert.That(actual.shape, Is.EqualTo(new[] { 1, ids.size(1), TinyVocabulary.Tokens.Count }));
            Assert.That(actual.sub(expected).abs().max().ToDouble(), Is.EqualTo(0.0));
        });
    }

    [Test]
    public void The_masked_lm_loads_with_roberta_masked_lm_and_gives_the_logits_of_the_model_it_was_saved_from()
    {
        using var scope = torch.NewDisposeScope();
        using var run = new TinyMaskedLmTrainer(Options).Train(MaskedLm);
        using var loaded = RobertaMaskedLm.Load(MaskedLmPath);
        var ids = Ids(Tokenizer.FromFile(Path.Combine(MaskedLmPath, "tokenizer.json")), addSpecialTokens: true);
        var expected = run.Model.Forward(ModelInput.FromIds(ids)).Logits;
        var actual = loaded.Forward(ModelInput.FromIds(ids)).Logits;
        Assert.Multiple(() =>
        {
            Assert.That(loaded.MaskTokenId, Is.EqualTo(TinyVocabulary.MaskId));
            Assert.That(actual.sub(expected).abs().max().ToDouble(), Is.EqualTo(0.0));
        });
    }

    [Test]
    public void Training_json_holds_an_accuracy_for_every_task_as_measured()
    {
        var decoder = TinyModelCard.Read(DecoderPath);
        var maskedLm = TinyModelCard.Read(MaskedLmPath);
        Assert.Multiple(() =>
        {
            Assert.That(decoder.Accuracy.Keys, Is.EquivalentTo(SyntheticTasks.Names));
            Assert.That(maskedLm.Accuracy.Keys, Is.EquivalentTo(SyntheticTasks.Names));
            Assert.That(decoder.Accuracy.Values, Has.All.InRange(0.0, 1.0));
            Assert.That(decoder.Accuracy, Is.EqualTo(cards.Decoder.Accuracy));
            Assert.That(maskedLm.Accuracy, Is.EqualTo(cards.MaskedLm.Accuracy));
            Assert.That(decoder.Steps, Is.EqualTo(Options.Steps));
            Assert.That(decoder.Parameters, Is.GreaterThan(0));
            Assert.That(decoder.HeldOutPerTask, Is.EqualTo(Options.HeldOutPerTask));
            Assert.That(decoder.RepeatedSequenceShare, Is.EqualTo(Options.RepeatedSequenceShare));
            Assert.That(decoder.SinusoidalPositions, Is.EqualTo(Options.SinusoidalPositions));
            Assert.That(maskedLm.RepeatedSequenceShare, Is.Null, "the masked LM trains on the tasks alone");
            Assert.That(decoder.TaskWeights, Is.EqualTo(TinyCorpus.Weights(Options.TaskWeights)));
            Assert.That(decoder.TaskWeights!.Keys, Is.EqualTo(SyntheticTasks.Names), "every task's weight, named ones and the rest");
        });
    }

    [Test]
    public void Training_json_records_the_decoder_accuracy_curve_asked_for_before_the_final_accuracy()
    {
        var decoder = TinyModelCard.Read(DecoderPath);
        Assert.Multiple(() =>
        {
            Assert.That(decoder.AccuracyCurve!.Select(p => p.Step), Is.EqualTo(new[] { 3 }), "every 3 steps, the 6th being the final accuracy");
            Assert.That(decoder.AccuracyCurve!.Single().Accuracy.Keys, Is.EquivalentTo(SyntheticTasks.Names));
            Assert.That(decoder.AccuracyCurve!.Single().Accuracy.Values, Has.All.InRange(0.0, 1.0));
            Assert.That(TinyModelCard.Read(MaskedLmPath).AccuracyCurve, Is.Null, "the masked LM is measured at the end only");
        });
    }

    [Test]
    public void The_saved_weights_use_transformers_tensor_names_and_conv1d_layout()
    {
        using var file = Models.Formats.SafeTensorsFile.Open(Path.Combine(DecoderPath, "model.safetensors"));
        var shapes = file.Entries.ToDictionary(e => e.Name, e => e.Shape);
        Assert.Multiple(() =>
        {
            Assert.That(shapes["transformer.wte.weight"], Is.EqualTo(new long[] { TinyVocabulary.Tokens.Count, 32 }));
            Assert.That(shapes["transformer.h.0.attn.c_attn.weight"], Is.EqualTo(new long[] { 32, 96 }));
            Assert.That(shapes["transformer.h.0.mlp.c_fc.weight"], Is.EqualTo(new long[] { 32, 128 }));
            Assert.That(shapes.Keys, Does.Not.Contain("lm_head.weight"), "the head is tied, as transformers saves it");
        });
    }

    private static Tensor Ids(Tokenizer tokenizer, bool addSpecialTokens)
    {
        var example = new KeyValueRecall().Generate(1, 99)[0];
        var ids = tokenizer.Encode(example.Prompt, addSpecialTokens).Ids.Select(i => (long)i).ToArray();
        return torch.tensor(ids, [1, ids.Length]);
    }
}
