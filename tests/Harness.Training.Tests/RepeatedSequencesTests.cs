using Harness.Training;
using Harness.Torch;

namespace Harness.Training.Tests;

/// <summary>The decoder's auxiliary induction data and how a batch scores it.</summary>
[Fast]
public sealed class RepeatedSequencesTests
{
    private static readonly RepeatedSequences Repeats = new(seed: 11);

    [Test]
    public void An_example_is_a_run_of_words_then_the_same_run_scored_from_its_repeat()
    {
        Assert.Multiple(() =>
        {
            foreach (var example in Repeats.Batch(0, 200))
            {
                var sequence = example.Sequence;
                var length = example.ScoredFrom!.Value;
                Assert.That(length, Is.InRange(RepeatedSequences.MinLength, RepeatedSequences.MaxLength));
                Assert.That(sequence, Has.Count.EqualTo(2 * length));
                Assert.That(sequence.Skip(length), Is.EqualTo(sequence.Take(length)));
                Assert.That(sequence, Has.All.InRange(TinyVocabulary.FirstWordId, TinyVocabulary.Tokens.Count - 1));
                Assert.That(example.Task, Is.EqualTo(RepeatedSequences.TaskName));
            }
        });
    }

    [Test]
    public void Runs_depend_on_the_seed_and_the_index_only()
    {
        var batch = Repeats.Batch(5, 3);
        Assert.Multiple(() =>
        {
            Assert.That(batch.Select(e => e.Sequence), Is.EqualTo(new[] { 5, 6, 7 }.Select(i => new RepeatedSequences(11).Example(i).Sequence)));
            Assert.That(new RepeatedSequences(12).Example(5).Sequence, Is.Not.EqualTo(batch[0].Sequence));
            Assert.That(RepeatedSequences.ForTraining(1).Example(0).Sequence, Is.Not.EqualTo(RepeatedSequences.ForTraining(2).Example(0).Sequence));
        });
    }

    [Test]
    public void A_batch_weights_the_target_of_a_task_example_and_every_repeated_token_of_a_run()
    {
        var task = new TokenizedExample("task", [20, 21, 22], 23);
        var run = new TokenizedExample(RepeatedSequences.TaskName, [30, 31, 32, 30, 31], 32) { ScoredFrom = 3 };
        using var scope = torch.NewDisposeScope();
        var batch = DecoderBatch.From([task, run], LossTokens.Target);
        Assert.Multiple(() =>
        {
            Assert.That(batch.Ids.ToArray<long>(), Is.EqualTo(new long[] { 20, 21, 22, 1, 1, 30, 31, 32, 30, 31 }));
            Assert.That(batch.Labels.ToArray<long>().Skip(5), Is.EqualTo(new long[] { 31, 32, 30, 31, 32 }));
            // Task: only position 2 (predicting 23). Run: positions 2..4 predict the repeat 30 31 32.
            Assert.That(batch.Weights.ToArray<float>(), Is.EqualTo(new float[] { 0, 0, 1, 0, 0, 0, 0, 1, 1, 1 }));
        });
    }

    [Test]
    public void Every_token_counts_under_loss_tokens_all()
    {
        var run = new TokenizedExample(RepeatedSequences.TaskName, [30, 31, 30], 31) { ScoredFrom = 2 };
        using var scope = torch.NewDisposeScope();
        Assert.That(DecoderBatch.From([run], LossTokens.All).Weights.ToArray<float>(), Is.EqualTo(new float[] { 1, 1, 1 }));
    }

    [Test]
    public void Sentence_starts_count_with_the_target_under_loss_tokens_target_and_sentence_starts()
    {
        var period = TinyVocabulary.Tokens.ToList().IndexOf(".");
        // "p lives . p works . question p" -> answer: the tokens after each period are scored, and the target.
        var task = new TokenizedExample("task", [20, 21, period, 20, 22, period, 23, 20], 24);
        using var scope = torch.NewDisposeScope();
        var batch = DecoderBatch.From([task], LossTokens.TargetAndSentenceStarts);
        Assert.Multiple(() =>
        {
            Assert.That(batch.Weights.ToArray<float>(), Is.EqualTo(new float[] { 0, 0, 1, 0, 0, 1, 0, 1 }));
            Assert.That(DecoderBatch.From([task], LossTokens.Target).Weights.ToArray<float>(), Is.EqualTo(new float[] { 0, 0, 0, 0, 0, 0, 0, 1 }));
        });
    }

    [TestCase(0.5, 64, 32, 32)]
    [TestCase(0.25, 64, 48, 16)]
    [TestCase(0.0, 8, 8, 0)]
    [TestCase(0.9, 2, 1, 1)]
    public void The_share_splits_a_batch_keeping_at_least_one_task_example(double share, int batchSize, int tasks, int repeats)
    {
        Assert.That(TinyModelTrainer.Split(new TinyTrainingOptions { RepeatedSequenceShare = share, BatchSize = batchSize }), Is.EqualTo((tasks, repeats)));
    }

    [TestCase(-0.1)]
    [TestCase(1.0)]
    [TestCase(double.NaN)]
    public void A_share_outside_zero_to_one_is_refused(double share)
    {
        var options = new TinyTrainingOptions { RepeatedSequenceShare = share, Steps = 60 };
        Assert.That(() => new TinyModelTrainer(options).Train(), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains(nameof(TinyTrainingOptions.RepeatedSequenceShare)));
    }
}
