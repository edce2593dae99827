using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>kernel_shap: exact Shapley values when every coalition is enumerated, the weights of a
/// linear model from sampled coalitions, efficiency always.</summary>
[TestFixture]
[Fast]
public sealed class KernelShapTests
{
    private ILanguageModel model = null!;

    [OneTimeSetUp]
    public void LoadModel() => model = Gpt2Fixture.Load();

    [OneTimeTearDown]
    public void Release() => model.Dispose();

    [Test]
    public void Enumerating_every_coalition_gives_the_exact_shapley_values()
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { Region = 2..8, Objective = Objective.LogProb, BatchSize = 1 };
        var exact = ShapleySamplingTests.ExactShapleyOfRegion(request);
        var result = new KernelShap(new KernelShapOptions { Ablation = Ablation.Remove, Samples = 62 }).Attribute(request);
        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics["exact_enumeration"], Is.EqualTo(1));
            Assert.That(ExactShapley.RelativeError(result.Scores, exact), Is.LessThan(1e-6));
            Assert.That(result.Cost.ForwardPasses, Is.EqualTo(1 + 64), "the shared prefix once, then all 2^6 coalitions");
        });
    }

    [Test]
    public void Sampled_coalitions_recover_a_linear_models_weights_and_stay_efficient()
    {
        var weights = new[] { 0.0, 0.7, -1.3, 0.4, 2.1, -0.6, 1.1, 0.25, -0.9, 1.6, 0.05, -2.0 };
        using var linear = new LinearFakeModel(weights);
        long[] context = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        var request = new AttributionRequest(linear, context, new AttributionTarget.Token(LinearFakeModel.TargetId)) { Region = 1..11, Objective = Objective.Logit, Seed = 5 };
        var result = new KernelShap(new KernelShapOptions { Ablation = Ablation.Remove, Samples = 100 }).Attribute(request);
        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics["exact_enumeration"], Is.EqualTo(0), "100 < 2^10 - 2: sampled");
            Assert.That(result.Scores, Is.EqualTo(weights[2..]).Within(1e-4));
            Assert.That(result.Cost.ForwardPasses, Is.EqualTo(1 + 102), "the shared prefix once");
        });
    }

    [Test]
    public void Sampled_scores_sum_to_the_objective_difference_between_all_and_none()
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { Region = 1..11, Objective = Objective.LogProb, Seed = 2 };
        var result = new KernelShap(new KernelShapOptions { Ablation = Ablation.Remove, Samples = 40 }).Attribute(request);
        var difference = result.Diagnostics["objective_input"] - result.Diagnostics["objective_empty"];
        Assert.That(result.Scores.Sum(), Is.EqualTo(difference).Within(1e-4));
        Assert.That(new KernelShap(new KernelShapOptions { Ablation = Ablation.Remove, Samples = 40 }).Attribute(request).Scores, Is.EqualTo(result.Scores));
    }
}
