using Harness.Evaluation.Core;
using Harness.Evaluation.Sanity;
using Harness.Models;
using Harness.Models.Loading;
using Harness.Scoring;

namespace Harness.Evaluation.Tests;

/// <summary>model_randomization (spec/metrics.md section 8; Adebayo et al. 2018): Spearman's rho between the cell's scores
/// and the scores its attributor gives on a re-initialised copy of the model, which the runner's delegate supplies; here
/// a delegate returns chosen scores, so each value has a closed form (end to end: ExperimentRunnerTests).</summary>
[TestFixture]
[Fast]
public sealed class ModelRandomizationTests
{
    private static ILanguageModel model = null!;

    [OneTimeSetUp]
    public static void Load() => model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", "gpt2"));

    [OneTimeTearDown]
    public static void Free() => model.Dispose();

    private static readonly CostRecord AgainCost = new(TimeSpan.FromMilliseconds(3), 7, 1, 70, 0, "cpu", "float32");

    private static MetricInput Input(float[] scores, float[] again, List<TopLayerReinitialisation>? asked = null) =>
        new(model, [5, 17, 42, 88, 23], new AttributionTarget.Token(9), scores)
        {
            ReattributeOnRandomizedModel = (randomisation, _) =>
            {
                asked?.Add(randomisation);
                return new Reattribution(again, AgainCost);
            },
        };

    [Test]
    public void Scores_that_do_not_change_with_the_model_correlate_fully()
    {
        var result = new ModelRandomization().Evaluate(Input([0.1f, 0.4f, 0.2f, 0.05f, 0.25f], [0.1f, 0.4f, 0.2f, 0.05f, 0.25f]));

        Assert.That(result.Value, Is.EqualTo(1.0));
        Assert.That(result.Flags, Is.Empty);
    }

    [Test]
    public void Reversed_ranks_give_minus_one_and_the_absolute_part_ignores_signs()
    {
        // Ranks 1..5 against 5..1; the absolute values of the second are -5..-1 -> 1..5 reversed again.
        var result = new ModelRandomization().Evaluate(Input([1, 2, 3, 4, 5], [-1, -2, -3, -4, -5]));

        Assert.Multiple(() =>
        {
            Assert.That(result.Value, Is.EqualTo(-1.0).Within(1e-12));
            Assert.That(result.Parts[ModelRandomization.AbsolutePart], Is.EqualTo(1.0).Within(1e-12));
        });
    }

    [Test]
    public void Ties_take_average_ranks_as_scipy_s_spearmanr()
    {
        // scipy.stats.spearmanr([1, 2, 2, 3, 4], [2, 1, 3, 3, 5]).statistic = 0.7631578947368421
        var result = new ModelRandomization().Evaluate(Input([1, 2, 2, 3, 4], [2, 1, 3, 3, 5]));

        Assert.That(result.Value, Is.EqualTo(0.7631578947368421).Within(1e-12));
    }

    [Test]
    public void A_constant_side_has_no_rank_correlation_and_is_flagged()
    {
        var result = new ModelRandomization().Evaluate(Input([1, 2, 3, 4, 5], [0, 0, 0, 0, 0]));

        Assert.Multiple(() =>
        {
            Assert.That(result.Value, Is.NaN);
            Assert.That(result.Flags, Does.Contain(ModelRandomization.ConstantScores));
            Assert.That(result.Flags, Does.Contain(ScoreChecks.AllEqualScores), "the randomised model's scores are checked as the cell's");
        });
    }

    [Test]
    public void The_copy_asked_for_is_the_options_and_the_cost_is_the_attribution_made_again()
    {
        var asked = new List<TopLayerReinitialisation>();
        var result = new ModelRandomization(new ModelRandomizationOptions { Layers = 2, WeightsSeed = 11 }).Evaluate(Input([1, 2, 3, 4, 5], [5, 4, 3, 2, 1], asked));

        Assert.Multiple(() =>
        {
            Assert.That(asked, Is.EqualTo(new[] { new TopLayerReinitialisation(2, 11) }));
            Assert.That(result.Cost.ForwardPasses, Is.EqualTo(7));
            Assert.That(result.Cost.BackwardPasses, Is.EqualTo(1));
        });
        Assert.That(new ModelRandomization().Evaluate(Input([1, 2], [1, 2], asked)).Value, Is.EqualTo(1.0));
        Assert.That(asked[^1], Is.EqualTo(new TopLayerReinitialisation(null, 0)), "by default every block, weights seed 0");
    }

    [Test]
    public void Scores_that_give_no_value_are_not_attributed_again()
    {
        var asked = new List<TopLayerReinitialisation>();
        var nan = new ModelRandomization().Evaluate(Input([1, float.NaN, 3], [1, 2, 3], asked));
        var one = new ModelRandomization().Evaluate(Input([1], [1], asked));

        Assert.Multiple(() =>
        {
            Assert.That(asked, Is.Empty);
            Assert.That(nan.Value, Is.NaN);
            Assert.That(nan.Flags, Does.Contain(ScoreChecks.NonFiniteScores));
            Assert.That(one.Value, Is.NaN);
            Assert.That(one.Flags, Does.Contain(ModelRandomization.OneSource));
            Assert.That(one.Cost.ForwardPasses, Is.Zero);
        });
    }

    [Test]
    public void Without_an_attributor_at_hand_it_says_it_runs_inside_a_run()
    {
        var input = Input([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]) with { ReattributeOnRandomizedModel = null };

        Assert.That(() => new ModelRandomization().Evaluate(input), Throws.TypeOf<MetricException>().With.Message.Contains("harness run"));
    }

    [Test]
    public void A_depth_below_one_is_refused_naming_the_option()
    {
        Assert.That(() => MetricRegistry.Create("model_randomization", new Dictionary<string, string> { ["layers"] = "0" }),
            Throws.TypeOf<MetricException>().With.Message.Contains("layers=0"));
    }
}
