using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Data.Segmentation;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>Source granularity (attributors issue item 2): perturbation methods ablate a source's tokens
/// together, token-level methods sum over a source, and the result has one score per source.</summary>
[TestFixture]
[Fast]
public sealed class SourceUnitTests
{
    // Token 0 is the target, token 1 a fixed prefix outside the region; tokens 2..9 are attributed.
    private static readonly double[] Weights = [0.0, 0.3, 1.5, -0.8, 0.35, 2.0, -1.2, 0.6, -0.1, 0.9];
    private static readonly long[] Context = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    // Region positions 0..7 hold tokens 2..9; position 5 (token 7) is in no source and stays fixed.
    private static readonly Sources Groups = new([[0, 1], [2], [3, 4], [6, 7]]);
    private static readonly double[] GroupWeights = [1.5 - 0.8, 0.35, 2.0 - 1.2, -0.1 + 0.9];

    private static AttributionRequest Request(LinearFakeModel model) =>
        new(model, Context, new AttributionTarget.Token(LinearFakeModel.TargetId)) { Region = 1..9, Objective = Objective.Logit, Sources = Groups, Seed = 3 };

    [Test]
    public void Perturbation_methods_score_each_source_by_ablating_its_tokens_together()
    {
        using var model = new LinearFakeModel(Weights);
        var occlusion = new Occlusion(new OcclusionOptions { Ablation = Ablation.Remove }).Attribute(Request(model));
        var shapley = new ShapleySampling(new ShapleySamplingOptions { Ablation = Ablation.Remove, Permutations = 3 }).Attribute(Request(model));

        Assert.That(occlusion.Scores, Is.EqualTo(GroupWeights).Within(1e-5), "leave-one-source-out of a linear model");
        Assert.That(shapley.Scores, Is.EqualTo(GroupWeights).Within(1e-5), "Shapley values of a linear model are the source weights");
        Assert.That(occlusion.Cost.ForwardPasses, Is.EqualTo(1 + Groups.Count + 1), "prefix, whole, one per source");
    }

    [Test]
    public void Token_level_methods_sum_their_scores_over_each_source()
    {
        using var model = Gpt2Fixture.Load();
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { Region = 2..10 };
        var tokens = new Saliency().Attribute(request).Scores;

        var grouped = new Saliency().Attribute(request with { Sources = Groups }).Scores;

        Assert.That(grouped, Is.EqualTo(new[] { tokens[0] + tokens[1], tokens[2], tokens[3] + tokens[4], tokens[6] + tokens[7] }).Within(1e-6));
    }

    [Test]
    public void The_random_baseline_draws_one_score_per_source()
    {
        using var model = new LinearFakeModel(Weights);
        var scores = new RandomBaseline().Attribute(Request(model)).Scores;

        Assert.That(scores, Has.Length.EqualTo(Groups.Count));
        Assert.That(scores.Sum(), Is.EqualTo(1f).Within(1e-6));
    }

    [Test]
    public void Sources_outside_the_region_are_a_clear_error()
    {
        using var model = new LinearFakeModel(Weights);
        var request = Request(model) with { Sources = new Sources([[0], [8]]) };

        Assert.That(() => new Occlusion().Attribute(request),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("position 8, outside a region of 8 tokens"));
    }
}
