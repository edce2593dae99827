using Harness.Evaluation.Applications;
using Harness.Evaluation.Core;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Evaluation.Tests;

/// <summary>context_pruning (AT2 Fig. 5): answers regenerated from the top-k sources, scored with
/// SQuAD's F1 and exact match next to the unpruned and oracle contexts.</summary>
[TestFixture]
[Fast]
public sealed class ContextPruningTests
{
    // Tokens: two answers, three passages (one token each), the question, a line break.
    private static readonly string[] Words = [" paris", " rome", " [p1]", " [p2]", " [p3]", " [q]", "\n"];
    private const int Paris = 0, Rome = 1, P1 = 2, P2 = 3, P3 = 4, Question = 5, Newline = 6;

    /// <summary>Passage 1 votes for paris (3), passage 2 for rome (2), passage 3 for nothing; an answer
    /// token votes for the line break, which ends the answer; the question alone votes for the line break.</summary>
    private static BagOfTokensModel Model()
    {
        var votes = new double[Words.Length, Words.Length];
        votes[P1, Paris] = 3;
        votes[P2, Rome] = 2;
        votes[Question, Newline] = 1;   // without a passage the answer is empty
        votes[Paris, Newline] = 10;
        votes[Rome, Newline] = 10;
        votes[Newline, Newline] = 10;
        return new BagOfTokensModel(votes);
    }

    private static MetricInput Input(BagOfTokensModel model, float[] scores) =>
        new(model, [P1, P2, P3, Question], new AttributionTarget.Token(Paris), scores)
        {
            Region = 0..3,
            Answers = ["Paris"],
            SupportingSources = [0],
            Decode = ids => string.Concat(ids.Select(id => Words[id])),
            Memo = new ExampleMemo(),
        };

    [Test]
    public void Answers_from_the_top_k_sources_are_scored_next_to_unpruned_and_oracle()
    {
        using var model = Model();
        var metric = new ContextPruning(new ContextPruningOptions { Ks = [1, 2, 3], MaxNewTokens = 3 });

        // Scores that rank the misleading passage first.
        var result = metric.Evaluate(Input(model, [0.2f, 0.9f, 0.1f]));

        Assert.That(result.Parts[PartKey.Parse("f1 unpruned")], Is.EqualTo(1), "all passages: paris outvotes rome");
        Assert.That(result.Parts[PartKey.Parse("em oracle")], Is.EqualTo(1));
        Assert.That(result.Parts[PartKey.Parse("f1 k=1")], Is.Zero, "only the rome passage is kept");
        Assert.That(result.Parts[PartKey.Parse("em k=2")], Is.EqualTo(1));
        Assert.That(result.Parts[PartKey.Parse("f1 k=3")], Is.EqualTo(1));
        Assert.That(result.Value, Is.EqualTo(2.0 / 3).Within(1e-12), "the mean F1 over the ks");
        Assert.That(result.Cost.ForwardPasses, Is.EqualTo(5 * 3), "five greedy answers (unpruned, oracle, three ks) of 3 tokens: the prompt, then two steps");
        Assert.That(result.Settings, Is.EqualTo(new Dictionary<string, string> { ["scored_against"] = "gold answers" }),
            "whatever target is explained (target_source), the value says its answers are scored against the gold ones");
    }

    [Test]
    public void The_unpruned_and_oracle_answers_come_from_the_memo_for_a_second_attributor()
    {
        using var model = Model();
        var metric = new ContextPruning(new ContextPruningOptions { Ks = [1], MaxNewTokens = 3 });
        var input = Input(model, [0.9f, 0.2f, 0.1f]);

        var first = metric.Evaluate(input);
        var second = metric.Evaluate(input with { Scores = [0.1f, 0.2f, 0.9f] });

        Assert.That(first.Cost.ForwardPasses, Is.EqualTo(3 * 3));
        Assert.That(second.Cost.ForwardPasses, Is.EqualTo(3), "only the pruned answer is new");
        Assert.That(first.Value, Is.EqualTo(1));
        Assert.That(second.Value, Is.Zero, "the empty passage alone answers nothing useful");
    }

    [Test]
    public void No_tensor_outlives_the_metric_and_missing_inputs_fail_clearly()
    {
        using var model = Model();
        var before = Tensor.LiveCount;
        new ContextPruning().Evaluate(Input(model, [0.2f, 0.9f, 0.1f]));
        Assert.That(Tensor.LiveCount, Is.EqualTo(before));

        Assert.That(() => new ContextPruning().Evaluate(Input(model, [1, 2, 3]) with { Answers = [] }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("gold answers"));
        Assert.That(() => new ContextPruning(new ContextPruningOptions { Ks = [0] }), Throws.InstanceOf<ScoringException>().With.Message.Contains("ks=0"));
    }

    [TestCase("The Eiffel Tower!", "eiffel tower", 1.0, 1.0)]
    [TestCase("in Paris, France", "Paris", 0.0, 0.5)]
    [TestCase("an apple", "apple", 1.0, 1.0)]
    [TestCase("", "apple", 0.0, 0.0)]
    public void Answers_are_scored_as_the_SQuAD_script_does(string prediction, string gold, double exact, double f1)
    {
        Assert.That(AnswerScore.ExactMatch(prediction, [gold]), Is.EqualTo(exact));
        Assert.That(AnswerScore.F1(prediction, [gold]), Is.EqualTo(f1).Within(1e-12));
    }
}
