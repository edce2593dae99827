using Harness.Training;

namespace Harness.Training.Tests;

/// <summary>The training stream: tasks take turns by weight, every batch of whole cycles in those
/// proportions, and the stream walks each task's examples once before repeating any.</summary>
[Fast]
public sealed class TinyCorpusTests
{
    private static readonly Dictionary<string, int> Weighted = new() { ["key_value_recall"] = 2, ["multi_passage_qa"] = 4 };

    private static TinyCorpus Corpus(int perTask, IReadOnlyDictionary<string, int>? weights = null) =>
        new(TinyTokenizerJson.Load(maskedLm: false), 1, "train", perTask, weights);

    [Test]
    public void A_cycle_takes_the_tasks_round_robin_each_in_as_many_rounds_as_its_weight()
    {
        Assert.That(Corpus(1, Weighted).Turns, Is.EqualTo(new[] { 0, 1, 2, 3, 1, 3, 3, 3 }));
        Assert.That(Corpus(1).Turns, Is.EqualTo(new[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void A_batch_of_whole_cycles_holds_the_tasks_in_proportion_to_their_weights()
    {
        var corpus = Corpus(8, Weighted);
        var counts = corpus.Batch(1, 32).CountBy(e => e.Task).ToDictionary();

        Assert.That(counts, Is.EquivalentTo(new Dictionary<string, int>
        {
            ["long_range_agreement"] = 4, ["key_value_recall"] = 8, ["keyword_sentiment"] = 4, ["multi_passage_qa"] = 16,
        }));
    }

    [Test]
    public void The_stream_uses_every_example_of_every_task_once_before_repeating()
    {
        const int steps = 5, batch = 7; // 35 examples: four cycles of 8 and three slots of a fifth
        var perTask = TinyCorpus.PerTaskFor(steps, batch, Weighted);
        var corpus = Corpus(perTask, Weighted);
        var stream = Enumerable.Range(0, steps).SelectMany(step => corpus.Batch(step, batch)).ToList();

        Assert.That(perTask, Is.EqualTo(5), "the fifth cycle is begun, so each task of weight 1 needs a fifth example");
        Assert.Multiple(() =>
        {
            for (var t = 0; t < TinyCorpus.Tasks.Count; t++)
            {
                var drawn = stream.Where(e => e.Task == TinyCorpus.Tasks[t]).ToList();
                Assert.That(drawn, Is.EqualTo(corpus.ExamplesOf(t).Take(drawn.Count)), $"{TinyCorpus.Tasks[t]}: its examples in order, each once");
                Assert.That(drawn, Has.Count.LessThanOrEqualTo(corpus.ExamplesOf(t).Count), TinyCorpus.Tasks[t]);
            }
        });
    }

    [Test]
    public void With_equal_weights_example_i_of_the_stream_is_task_i_mod_4()
    {
        var corpus = Corpus(3);
        var stream = corpus.Batch(0, 12);

        Assert.That(stream, Is.EqualTo(Enumerable.Range(0, 12).Select(i => corpus.ExamplesOf(i % 4)[i / 4])));
    }

    [Test]
    public void Weights_name_known_tasks_and_are_at_least_one()
    {
        var unknown = Assert.Throws<ArgumentException>(() => TinyCorpus.Weights(new Dictionary<string, int> { ["longra"] = 2 }));
        Assert.That(unknown!.Message, Does.Contain("'longra'").And.Contain("multi_passage_qa"));
        Assert.Throws<ArgumentOutOfRangeException>(() => TinyCorpus.Weights(new Dictionary<string, int> { ["multi_passage_qa"] = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TinyTrainingOptions { TaskWeights = new Dictionary<string, int> { ["keyword_sentiment"] = -1 } }.Validate(),
            "the options check their weights");
    }
}
