using Harness.Data.Segmentation;
using Harness.Evaluation.Core;
using Harness.Evaluation.Plausibility;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Evaluation.Tests;

/// <summary>Plausibility (spec/metrics.md section 6) on known rationales: values worked out by hand, scikit-learn's tie
/// rule for the curves, ERASER's and ferret's top k, sources grouping tokens, and the flags. PlausibilityParityTests
/// checks the same against ERASER's and ferret's own code.</summary>
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
    public void The_auprc_interpolates_between_thresholds_from_precision_one()
    {
        // Points (recall, precision): (0, 1), (1/2, 1), (1/2, 1/2), (1, 2/3), (1, 1/2): trapezoids 1/2 + 0 + 7/24 + 0.
        var auprc = RationaleAgreement.AreaUnderPrecisionRecall([0.9f, 0.8f, 0.7f, 0.1f], [true, false, true, false]);
        Assert.That(auprc, Is.EqualTo(0.5 + 7.0 / 24).Within(1e-12));
        // All tied: one point (1, 1/2) after (0, 1), so (1 + 1/2) / 2 where the average precision is 1/2.
        Assert.That(RationaleAgreement.AreaUnderPrecisionRecall([0.5f, 0.5f, 0.5f, 0.5f], [true, false, true, false]), Is.EqualTo(0.75).Within(1e-12));
    }

    [Test]
    public void Roc_auc_counts_ties_half_and_is_undefined_for_one_class()
    {
        // Pairs (relevant, other): 0.9 beats both, 0.5 ties one 0.5 and beats 0.1: (2 + 1.5) / 4.
        Assert.That(RationaleAgreement.RocAuc([0.9f, 0.5f, 0.5f, 0.1f], [true, false, true, false]), Is.EqualTo(3.5 / 4).Within(1e-12));
        Assert.That(double.IsNaN(RationaleAgreement.RocAuc([0.9f, 0.5f], [true, true])));
    }

    [Test]
    public void Token_f1_and_iou_compare_a_predicted_set_with_the_rationale()
    {
        bool[] rationale = [false, true, true, false];
        Assert.That(RationaleAgreement.TokenF1(RationaleAgreement.TopK([0.1f, 0.9f, 0.8f, 0.2f], 2), rationale), Is.EqualTo(1.0));
        // Top 2 = {1, 3}: one hit; F1 = 1/2, IOU = 1/3.
        var topTwo = RationaleAgreement.TopK([0.1f, 0.9f, 0.2f, 0.8f], 2);
        Assert.That(RationaleAgreement.TokenF1(topTwo, rationale), Is.EqualTo(0.5).Within(1e-12));
        Assert.That(RationaleAgreement.Iou(topTwo, rationale), Is.EqualTo(1.0 / 3).Within(1e-12));
        Assert.That(RationaleAgreement.TokenF1(new bool[4], rationale), Is.Zero, "nothing predicted");
    }

    [Test]
    public void Erasers_top_k_takes_earlier_features_on_ties_and_ferrets_later_ones()
    {
        Assert.That(RationaleAgreement.TopK([0.5f, 0.5f, 0.5f], 2), Is.EqualTo(new[] { true, true, false }));
        Assert.That(RationaleAgreement.FerretTopK([0.5f, 0.5f, 0.5f], 2, onlyPositive: true), Is.EqualTo(new[] { false, true, true }));
        Assert.That(RationaleAgreement.FerretTopK([0.5f, -0.2f, 0f], 5, onlyPositive: true), Is.EqualTo(new[] { true, false, false }),
            "ferret's only_pos keeps the top k above 0");
        Assert.That(RationaleAgreement.FerretTopK([0.5f, -0.2f, 0f], 5, onlyPositive: false), Is.EqualTo(new[] { true, true, true }));
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
        Assert.That(result.Parts[PartKey.Parse("average_precision")], Is.EqualTo(0.5 + 2.0 / 3 / 2).Within(1e-12));
        Assert.That(result.Parts[PartKey.Parse("auprc")], Is.EqualTo(0.5 + 7.0 / 24).Within(1e-12));
        Assert.That(result.Parts[PartKey.Parse("roc_auc")], Is.EqualTo(7.0 / 8).Within(1e-12)); // 0.9 beats all 4 others, 0.2 three
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
    public void A_rationale_covering_every_source_has_no_average_precision_as_erasers_scores_leave_it_out()
    {
        var result = new PlausibilityMetric().Evaluate(new MetricInput(model, Context, new AttributionTarget.Token(7), [1, 2, 3, 4, 5, 6])
        {
            RationalePositions = [0, 1, 2, 3, 4, 5],
        });

        Assert.That(result.Flags, Is.EqualTo(new[] { PlausibilityMetric.RationaleCoversAll }));
        Assert.That(double.IsNaN(result.Value) && double.IsNaN(result.Parts[PartKey.Parse("roc_auc")]));
        Assert.That(result.Parts[PartKey.Parse("auprc")], Is.EqualTo(1.0), "ERASER's _auprc keeps the instance: precision 1 throughout");
    }

    [Test]
    public void Under_ferrets_protocol_the_value_is_the_auprc_of_the_positive_scores_and_the_top_five_are_the_hard_rationale()
    {
        var metric = MetricRegistry.Create("plausibility", new Dictionary<string, string> { ["protocol"] = "ferret" });
        // Negatives count as 0: 0.9 (hit), then 0.2, 0, 0, 0, 0 tied at 0 holding the other hit among five misses.
        var input = new MetricInput(model, Context, new AttributionTarget.Token(7), [0.9f, -0.5f, 0.2f, -0.1f, 0f, -0.3f])
        {
            RationalePositions = [0, 3],
        };

        var result = metric.Evaluate(input);

        // Points (0, 1), (1/2, 1), (1/2, 1/2), (1, 1/3): 1/2 + 0 + (1/2 + 1/3) / 4.
        Assert.That(result.Value, Is.EqualTo(0.5 + 5.0 / 24).Within(1e-12));
        Assert.That(result.Parts.Keys.Select(k => k.ToString()), Is.EquivalentTo(new[] { "auprc", "token_f1", "iou" }));
        // The top five of numpy's argsort with only_pos: {0, 2} above 0; one hit of two predicted, one of two relevant.
        Assert.That(result.Parts[PartKey.Parse("token_f1")], Is.EqualTo(0.5).Within(1e-12));
        Assert.That(result.Parts[PartKey.Parse("iou")], Is.EqualTo(1.0 / 3).Within(1e-12));
        Assert.That(() => MetricRegistry.Create("plausibility", new Dictionary<string, string> { ["top_k"] = "0" }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("top_k=0"));
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
