using Harness.Data.Segmentation;
using Harness.Evaluation.Core;
using Harness.Evaluation.Plausibility;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Evaluation.Tests;

/// <summary>Plausibility (spec/metrics.md section 6) on known rationales: values worked out by hand,
/// scikit-learn's tie rule for average precision, sources grouping tokens, and the flags.</summary>
[TestFixture]
[Fast]
public sealed class PlausibilityTests
{
    private static ILanguageModel model = null!;
    private static readonly long[] Context = [5, 17, 42, 88, 3, 9];

    [OneTimeSetUp]
    public static void Load() => model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", "gpt2"));

    [OneTimeTearDown]
    public static void Free() => model.Dispose();

    [Test]
    public void Average_precision_follows_the_ranking()
    {
        // Ranking 0.9 (hit), 0.8 (miss), 0.7 (hit), 0.1 (miss): AP = 1/2 * 1 + 1/2 * 2/3.
        var ap = RationaleAgreement.AveragePrecision([0.9f, 0.8f, 0.7f, 0.1f], [true, false, true, false]);
        Assert.That(ap, Is.EqualTo(0.5 + 1.0 / 3).Within(1e-12));
        Assert.That(RationaleAgreement.AveragePrecision([0.1f, 0.2f, 0.9f], [false, false, true]), Is.EqualTo(1.0));
    }

    [Test]
    public void Tied_scores_enter_average_precision_together_as_in_scikit_learn()
    {
        // One threshold holding all four: precision 2/4 at recall 1.
        Assert.That(RationaleAgreement.AveragePrecision([0.5f, 0.5f, 0.5f, 0.5f], [true, false, true, false]), Is.EqualTo(0.5).Within(1e-12));
        // sklearn.metrics.average_precision_score([1,0,1,0],[0.9,0.5,0.5,0.1]) = 0.8333...
        Assert.That(RationaleAgreement.AveragePrecision([0.9f, 0.5f, 0.5f, 0.1f], [true, false, true, false]), Is.EqualTo(5.0 / 6).Within(1e-12));
    }

    [Test]
    public void Token_f1_and_iou_take_the_top_rationale_size_features_earlier_first_on_ties()
    {
        bool[] rationale = [false, true, true, false];
        Assert.That(RationaleAgreement.TokenF1([0.1f, 0.9f, 0.8f, 0.2f], rationale), Is.EqualTo(1.0));
        Assert.That(RationaleAgreement.Iou([0.1f, 0.9f, 0.8f, 0.2f], rationale), Is.EqualTo(1.0));
        // Top 2 = {1, 3}: one hit; F1 = 1/2, IOU = 1/3.
        Assert.That(RationaleAgreement.TokenF1([0.1f, 0.9f, 0.2f, 0.8f], rationale), Is.EqualTo(0.5).Within(1e-12));
        Assert.That(RationaleAgreement.Iou([0.1f, 0.9f, 0.2f, 0.8f], rationale), Is.EqualTo(1.0 / 3).Within(1e-12));
        Assert.That(RationaleAgreement.TopK([0.5f, 0.5f, 0.5f], 2), Is.EqualTo(new[] { true, true, false }));
    }

    [Test]
    public void The_metric_reports_average_precision_and_its_parts_without_forward_passes()
    {
        var input = new MetricInput(model, Context, new AttributionTarget.Token(7), [0.1f, 0.9f, 0.2f, 0.8f, 0f, 0f])
        {
            RationalePositions = [1, 2],
        };

        var result = new PlausibilityMetric().Evaluate(input);

        Assert.That(result.Value, Is.EqualTo(0.5 + 2.0 / 3 / 2).Within(1e-12)); // hits at ranks 1 and 3
        Assert.That(result.Parts[PartKey.Parse("token_f1")], Is.EqualTo(0.5).Within(1e-12));
        Assert.That(result.Parts[PartKey.Parse("iou")], Is.EqualTo(1.0 / 3).Within(1e-12));
        Assert.That(result.Flags, Is.Empty);
        Assert.That(result.Cost.ForwardPasses, Is.Zero);
    }

    [Test]
    public void A_source_is_evidence_when_any_of_its_tokens_is()
    {
        var input = new MetricInput(model, Context, new AttributionTarget.Token(7), [0.7f, 0.2f, 0.1f])
        {
            Region = 1..,
            Sources = new Sources([[0, 1], [2], [3, 4]]),
            RationalePositions = [1],
        };

        Assert.That(new PlausibilityMetric().Evaluate(input).Value, Is.EqualTo(1.0));
    }

    [Test]
    public void Missing_rationale_and_bad_scores_are_flagged_never_averaged()
    {
        var metric = new PlausibilityMetric();
        var none = metric.Evaluate(new MetricInput(model, Context, new AttributionTarget.Token(7), [1, 2, 3, 4, 5, 6]));
        var nan = metric.Evaluate(new MetricInput(model, Context, new AttributionTarget.Token(7), [1, float.NaN, 3, 4, 5, 6]) { RationalePositions = [0] });
        var equal = metric.Evaluate(new MetricInput(model, Context, new AttributionTarget.Token(7), [1, 1, 1, 1, 1, 1]) { RationalePositions = [0] });

        Assert.That(none.Flags, Does.Contain(PlausibilityMetric.NoRationale));
        Assert.That(double.IsNaN(none.Value));
        Assert.That(nan.Flags, Is.EqualTo(new[] { ScoreChecks.NonFiniteScores }));
        Assert.That(double.IsNaN(nan.Value));
        Assert.That(equal.Flags, Is.EqualTo(new[] { ScoreChecks.AllEqualScores }));
        Assert.That(equal.Value, Is.EqualTo(1.0 / 6).Within(1e-12), "all tied: precision 1/6 at recall 1");
        Assert.That(equal.IsFlagged);
    }

    [Test]
    public void Scores_of_the_wrong_length_and_rationales_outside_the_region_fail_clearly()
    {
        var metric = new PlausibilityMetric();
        Assert.That(() => metric.Evaluate(new MetricInput(model, Context, new AttributionTarget.Token(7), [1, 2])),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("2 scores for 6 sources"));
        Assert.That(() => metric.Evaluate(new MetricInput(model, Context, new AttributionTarget.Token(7), [1, 2, 3, 4, 5, 6]) { RationalePositions = [9] }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("outside the attributed region"));
        Assert.That(() => MetricRegistry.Create("plausibilty"),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("unknown metric 'plausibilty'").And.Message.Contains("plausibility"));
    }
}
