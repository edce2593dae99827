using Harness.Data.Segmentation;
using Harness.Evaluation.Core;
using Harness.Evaluation.LabelAgreement;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Evaluation.Tests;

/// <summary>Label agreement with the rationale only (spec/metrics.md section 4b) on a bag-of-tokens
/// model whose greedy answer is the label with the most votes from the tokens present: which tokens
/// the top 20% keep decides the answer, so agreement is known in advance.</summary>
[TestFixture]
[Fast]
public sealed class LabelAgreementTests
{
    // 0 " positive", 1 " negative", 2 " ???" are answers; 3 "great" votes 2 for positive, 4 "awful"
    // 1.5 for negative, 5 "meh" 2 for ???; 6 "Review:" and 7 "Sentiment:" are the template; 8, 9 filler.
    private static readonly string[] Words = [" positive", " negative", " ???", " great", " awful", " meh", "Review:", " Sentiment:", " the", " film"];
    private static readonly string[] Labels = ["positive", "negative"];

    private static BagOfTokensModel Model()
    {
        var votes = new double[Words.Length, Words.Length];
        votes[3, 0] = 2;
        votes[4, 1] = 1.5;
        votes[5, 2] = 2;
        return new BagOfTokensModel(votes);
    }

    private static string Decode(IReadOnlyList<long> ids) => string.Concat(ids.Select(id => Words[id]));

    /// <summary>"Review: {sentence} Sentiment:" with the sentence as the region.</summary>
    private static MetricInput Input(ILanguageModel model, long[] sentence, float[] scores, ExampleMemo? memo = null) =>
        new(model, [6, .. sentence, 7], new AttributionTarget.Token(1), scores)
        {
            Region = 1..^1,
            Decode = Decode,
            LabelSet = Labels,
            Memo = memo,
        };

    [Test]
    public void The_first_generated_word_is_matched_to_the_label_set()
    {
        Assert.That(AnswerParser.Parse(" Positive.", Labels), Is.EqualTo(0));
        Assert.That(AnswerParser.Parse("negative</s> positive", Labels), Is.EqualTo(1));
        Assert.That(AnswerParser.Parse("\n\"negative\"", Labels), Is.EqualTo(1));
        Assert.That(AnswerParser.Parse(" pos itive", Labels), Is.Null);
        Assert.That(AnswerParser.Parse(" ??? positive", Labels), Is.EqualTo(0), "punctuation before the first word is skipped");
        Assert.That(AnswerParser.Parse(" neutral positive", Labels), Is.Null, "only the first word counts");
        Assert.That(AnswerParser.Parse("", Labels), Is.Null);
    }

    [Test]
    public void Keeping_the_tokens_that_decide_the_label_agrees_and_others_do_not()
    {
        using var model = Model();
        long[] sentence = [8, 3, 4, 9, 4]; // great (2 for positive) < awful twice (3 for negative): negative
        // Top 20% of five tokens is one: the first awful (agrees) or great (flips to positive).
        var agrees = new LabelAgreementMetric().Evaluate(Input(model, sentence, [0.1f, 0.2f, 0.9f, 0.1f, 0.3f]));
        var flips = new LabelAgreementMetric().Evaluate(Input(model, sentence, [0.1f, 0.9f, 0.2f, 0.1f, 0.3f]));
        var fillerOnly = new LabelAgreementMetric().Evaluate(Input(model, sentence, [0.9f, 0.2f, 0.1f, 0.1f, 0.3f]));

        Assert.Multiple(() =>
        {
            Assert.That(agrees.Value, Is.EqualTo(1));
            Assert.That(agrees.Parts[PartKey.Parse("full_label")], Is.EqualTo(1), "negative on the full prompt");
            Assert.That(agrees.Parts[PartKey.Parse("kept_sources")], Is.EqualTo(1));
            Assert.That(flips.Value, Is.EqualTo(0));
            Assert.That(flips.Parts[PartKey.Parse("rationale_label")], Is.EqualTo(0), "great alone says positive");
            Assert.That(fillerOnly.Parts[PartKey.Parse("rationale_label")], Is.EqualTo(0), "no votes: argmax is the first token, positive");
            Assert.That(agrees.Flags, Is.Empty);
        });
    }

    [Test]
    public void The_threshold_sets_how_many_tokens_stay()
    {
        using var model = Model();
        long[] sentence = [8, 3, 4, 9, 4];
        float[] scores = [0.1f, 0.9f, 0.8f, 0.1f, 0.3f];
        // 40%: great and the first awful, 2 against 1.5: positive, a disagreement; 60% adds the second awful.
        var forty = new LabelAgreementMetric(new LabelAgreementOptions { Threshold = 0.4 }).Evaluate(Input(model, sentence, scores));
        var sixty = MetricRegistry.Create(LabelAgreementMetric.MetricName, new Dictionary<string, string> { ["threshold"] = "0.6" })
            .Evaluate(Input(model, sentence, scores));

        Assert.That(forty.Parts[PartKey.Parse("kept_sources")], Is.EqualTo(2));
        Assert.That(forty.Value, Is.EqualTo(0));
        Assert.That(sixty.Parts[PartKey.Parse("kept_sources")], Is.EqualTo(3));
        Assert.That(sixty.Value, Is.EqualTo(1));
    }

    [Test]
    public void An_unparseable_answer_counts_as_a_disagreement_and_is_flagged()
    {
        using var model = Model();
        long[] sentence = [4, 4, 5]; // negative (3) beats ??? (2) on the full prompt; meh alone says ???
        var result = new LabelAgreementMetric().Evaluate(Input(model, sentence, [0.1f, 0.2f, 0.9f]));

        Assert.Multiple(() =>
        {
            Assert.That(result.Value, Is.EqualTo(0));
            Assert.That(result.Flags, Is.EqualTo(new[] { LabelAgreementMetric.UnparseableAnswer }));
            Assert.That(result.Parts[PartKey.Parse("rationale_label")], Is.EqualTo(-1));
            Assert.That(result.Parts[PartKey.Parse("full_label")], Is.EqualTo(1));
        });
    }

    [Test]
    public void An_unparseable_full_prompt_leaves_nothing_to_agree_with()
    {
        using var model = Model();
        var result = new LabelAgreementMetric().Evaluate(Input(model, [5, 8, 9], [0.1f, 0.9f, 0.2f]));
        Assert.That(double.IsNaN(result.Value));
        Assert.That(result.Flags, Does.Contain(LabelAgreementMetric.UnparseableFullAnswer));
    }

    [Test]
    public void Sources_are_kept_whole_and_the_full_answer_comes_from_the_memo()
    {
        using var model = Model();
        var memo = new ExampleMemo();
        long[] sentence = [8, 3, 4, 9, 4];
        // Two sources: {the, great} and {awful, film, awful}; the top 20% of two sources is one.
        var sources = new Sources([[0, 1], [2, 3, 4]]);
        var first = new LabelAgreementMetric().Evaluate(Input(model, sentence, [0.9f, 0.1f], memo) with { Sources = sources });
        var second = new LabelAgreementMetric().Evaluate(Input(model, sentence, [0.1f, 0.9f], memo) with { Sources = sources });

        Assert.Multiple(() =>
        {
            Assert.That(first.Value, Is.EqualTo(0), "great alone: positive");
            Assert.That(second.Value, Is.EqualTo(1), "both awfuls: negative");
            // Five decoded tokens per prompt, one pass each with the KV cache.
            Assert.That(first.Cost.ForwardPasses, Is.EqualTo(5 + 5));
            Assert.That(second.Cost.ForwardPasses, Is.EqualTo(5), "the full prompt's label is the example's, decoded once");
            Assert.That(memo.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void Missing_decode_or_labels_and_bad_options_fail_clearly()
    {
        using var model = Model();
        var input = Input(model, [8, 3, 4], [0.1f, 0.9f, 0.2f]);
        Assert.That(() => new LabelAgreementMetric().Evaluate(input with { Decode = null }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("Decode"));
        Assert.That(() => new LabelAgreementMetric().Evaluate(input with { LabelSet = [] }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("label set"));
        Assert.That(() => new LabelAgreementMetric(new LabelAgreementOptions { Threshold = 0 }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("threshold=0").And.Message.Contains("(0, 1]"));
        Assert.That(() => MetricRegistry.Create(LabelAgreementMetric.MetricName, new Dictionary<string, string> { ["max_new_tokens"] = "0" }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("max_new_tokens=0"));
        var nan = new LabelAgreementMetric().Evaluate(input with { Scores = [float.NaN, 0, 0] });
        Assert.That(nan.Cost.ForwardPasses, Is.Zero);
        Assert.That(double.IsNaN(nan.Value));
    }
}
