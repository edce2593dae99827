using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>shapley_sampling converges to the exact Shapley values (enumerated over a six-token
/// region of the fixture context), keeps efficiency, and is reproducible from its seed.</summary>
[TestFixture]
[Fast]
public sealed class ShapleySamplingTests
{
    private static readonly Range Region = 2..8;
    private ILanguageModel model = null!;
    private AttributionRequest request = null!;
    private double[] exact = null!;

    [OneTimeSetUp]
    public void LoadModel()
    {
        model = Gpt2Fixture.Load();
        request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { Region = Region, Objective = Objective.LogProb, BatchSize = 64 };
        exact = ExactShapleyOfRegion(request with { BatchSize = 1 });
    }

    [OneTimeTearDown]
    public void Release() => model.Dispose();

    /// <summary>Exact Shapley values of the region's tokens under removal, each coalition's context
    /// built by hand and scored alone.</summary>
    public static double[] ExactShapleyOfRegion(AttributionRequest request)
    {
        var (start, length) = request.RegionBounds;
        var scorer = new TargetScorer(request, CostMeter.Start());
        return ExactShapley.Of(length, masks => scorer.Score(masks
            .Select(keep => (IReadOnlyList<long>)request.ContextIds.Where((_, i) => i < start || i >= start + length || keep[i - start]).ToArray())
            .ToList()));
    }

    private float[] Sampled(int permutations, ulong seed = 0) =>
        new ShapleySampling(new ShapleySamplingOptions { Ablation = Ablation.Remove, Permutations = permutations }).Attribute(request with { Seed = seed }).Scores;

    /// <summary>Root-mean-square error in nats. The fixture's marginal contributions are of order 1 nat
    /// while its Shapley values are near 0.05, so the Monte Carlo error falls as 1 / sqrt(P) from there.</summary>
    private static double RmsError(IReadOnlyList<float> estimate, IReadOnlyList<double> exact) =>
        Math.Sqrt(exact.Select((e, i) => (estimate[i] - e) * (estimate[i] - e)).Average());

    [Test]
    public void More_permutations_approach_the_exact_values()
    {
        var few = RmsError(Sampled(5), exact);
        var many = RmsError(Sampled(400), exact);
        TestContext.Out.WriteLine($"RMS error: 5 permutations {few:F4}, 400 permutations {many:F4}");
        Assert.Multiple(() =>
        {
            Assert.That(many, Is.LessThan(few / 3));
            Assert.That(many, Is.LessThan(0.1));
        });
    }

    [Test]
    public void A_linear_models_weights_come_out_of_any_permutation()
    {
        var weights = new[] { 0.0, 0.7, -1.3, 0.4, 2.1, -0.6, 1.1, 0.25 };
        using var linear = new LinearFakeModel(weights);
        var linearRequest = new AttributionRequest(linear, [1, 2, 3, 4, 5, 6, 7], new AttributionTarget.Token(LinearFakeModel.TargetId))
        {
            Region = 1..7,
            Objective = Objective.Logit,
        };
        var result = new ShapleySampling(new ShapleySamplingOptions { Ablation = Ablation.Remove, Permutations = 3 }).Attribute(linearRequest);
        Assert.That(result.Scores, Is.EqualTo(weights[2..]).Within(1e-5));
    }

    [Test]
    public void Scores_sum_to_the_objective_difference_between_all_and_none()
    {
        var result = new ShapleySampling(new ShapleySamplingOptions { Ablation = Ablation.Remove, Permutations = 7 }).Attribute(request);
        Assert.That(result.Scores.Sum(), Is.EqualTo(exact.Sum()).Within(1e-4));
        Assert.That(result.Cost.ForwardPasses, Is.EqualTo(1 + 2 + 7 * 5), "the cached prefix before the region, f(all), f(none) and L - 1 prefixes per permutation");
    }

    [Test]
    public void The_seed_fixes_the_permutations()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Sampled(5, seed: 3), Is.EqualTo(Sampled(5, seed: 3)));
            Assert.That(Sampled(5, seed: 4), Is.Not.EqualTo(Sampled(5, seed: 3)));
        });
    }
}
