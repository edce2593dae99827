using Harness.Data.Synthetic;
using Harness.Training;
using Harness.Models;
using Harness.Models.Architectures.Roberta;

namespace Harness.Training.Tests;

/// <summary>The tiny models committed under experiments/models: their cards' accuracies are what the
/// files score on the held-out split, the decoder answers at least 95% of every task, and they fit in 10 MB.</summary>
[Soak]
public sealed class CommittedTinyModelsTests
{
    private static string DecoderPath => RepositoryFolder.Combine("experiments", "models", TinyModels.DecoderFolder);

    private static string MaskedLmPath => RepositoryFolder.Combine("experiments", "models", TinyModels.MaskedLmFolder);

    [Test]
    public void The_decoder_scores_its_card()
    {
        var card = TinyModelCard.Read(DecoderPath);
        using var model = ModelLoader.Load(DecoderPath);
        Assert.That(HeldOutAccuracy.OfDecoder(model, HeldOut(card)), Is.EqualTo(card.Accuracy));
    }

    [Test]
    public void The_decoder_answers_at_least_95_percent_of_every_task_held_out()
    {
        var card = TinyModelCard.Read(DecoderPath);
        Assert.That(card.Accuracy.Keys, Is.EquivalentTo(SyntheticTasks.Names));
        Assert.That(card.Accuracy, Has.All.Matches<KeyValuePair<string, double>>(a => a.Value >= 0.95), "the card, which the test above checks against the weights");
    }

    [Test]
    public void The_masked_lm_scores_its_card()
    {
        var card = TinyModelCard.Read(MaskedLmPath);
        using var model = RobertaMaskedLm.Load(MaskedLmPath);
        Assert.That(HeldOutAccuracy.OfMaskedLm(model, HeldOut(card)), Is.EqualTo(card.Accuracy));
    }

    [Test]
    public void The_tokenizers_are_the_ones_the_harness_builds()
    {
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(Path.Combine(DecoderPath, "tokenizer.json")), Is.EqualTo(TinyTokenizerJson.Build(maskedLm: false) + "\n"));
            Assert.That(File.ReadAllText(Path.Combine(MaskedLmPath, "tokenizer.json")), Is.EqualTo(TinyTokenizerJson.Build(maskedLm: true) + "\n"));
        });
    }

    [Test]
    public void Both_folders_together_take_at_most_10_MB()
    {
        var bytes = new[] { DecoderPath, MaskedLmPath }.SelectMany(d => new DirectoryInfo(d).GetFiles()).Sum(f => f.Length);
        Assert.That(bytes, Is.AtMost(10L * 1024 * 1024));
    }

    private static TinyCorpus HeldOut(TinyModelCard card) =>
        new(TinyTokenizerJson.Load(maskedLm: false), card.Seed, card.HeldOutSplit, card.HeldOutPerTask);
}
