using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>GradientSHAP is complete in expectation (with one baseline and no noise it is integrated
/// gradients by Monte Carlo, from zero or a token's embedding), reproducible from its seed, and costs one
/// forward and one backward per sample.</summary>
[TestFixture]
[Fast]
public sealed class GradientShapTests
{
    private ILanguageModel model = null!;

    [OneTimeSetUp]
    public void LoadModel() => model = Gpt2Fixture.Load();

    [OneTimeTearDown]
    public void Release() => model.Dispose();

    private AttributionRequest Request => new(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { Seed = 3, BatchSize = 100 };

    [Test]
    public void Many_samples_approach_integrated_gradients()
    {
        var shap = new GradientShap(new GradientShapOptions { Samples = 1500 }).Attribute(Request).Scores;
        var ig = new IntegratedGradients(new IntegratedGradientsOptions { Steps = 256, Baseline = EmbeddingBaseline.Zero }).Attribute(Request).Scores;
        var scale = ig.Max(Math.Abs);
        Assert.That(shap.Zip(ig).Max(p => Math.Abs(p.First - p.Second)), Is.LessThan(0.1 * scale));
    }

    [Test]
    public void From_a_token_baseline_many_samples_approach_integrated_gradients_from_it()
    {
        // Inseq's gradient_shap starts from its unk-token baseline (`eos` on GPT-2, GPT-J and OPT); here token 7.
        var baseline = EmbeddingBaseline.Token(7);
        var shap = new GradientShap(new GradientShapOptions { Samples = 1500, Baseline = baseline }).Attribute(Request).Scores;
        var ig = new IntegratedGradients(new IntegratedGradientsOptions { Steps = 256, Baseline = baseline }).Attribute(Request).Scores;
        var zero = new GradientShap(new GradientShapOptions { Samples = 1500 }).Attribute(Request).Scores;
        var scale = ig.Max(Math.Abs);
        Assert.Multiple(() =>
        {
            Assert.That(shap.Zip(ig).Max(p => Math.Abs(p.First - p.Second)), Is.LessThan(0.1 * scale));
            Assert.That(shap.Zip(zero).Max(p => Math.Abs(p.First - p.Second)), Is.GreaterThan(0.1 * scale), "the baseline matters");
        });
    }

    [Test]
    public void The_eos_baseline_is_the_models_eos_token_and_fails_without_one()
    {
        var eos = new GradientShap(new GradientShapOptions { Samples = 3, Baseline = EmbeddingBaseline.Eos }, eosTokenId: 7).Attribute(Request).Scores;
        var token = new GradientShap(new GradientShapOptions { Samples = 3, Baseline = EmbeddingBaseline.Token(7) }).Attribute(Request).Scores;
        Assert.Multiple(() =>
        {
            Assert.That(eos, Is.EqualTo(token));
            Assert.That(() => new IntegratedGradients(new IntegratedGradientsOptions { Baseline = EmbeddingBaseline.Eos }).Attribute(Request),
                Throws.InstanceOf<AttributionException>().With.Message.Contains("eos_token_id"));
            Assert.That(AttributorRegistry.Create(GradientShap.MethodName, new Dictionary<string, string> { ["baseline"] = "eos", ["samples"] = "3" },
                new AttributorResources { EosTokenId = 7 }).Attribute(Request).Scores, Is.EqualTo(token), "the registry hands the model's eos to the attributor");
        });
    }

    [Test]
    public void The_same_seed_gives_the_same_scores_however_many_samples_share_a_pass()
    {
        var options = new GradientShapOptions { Samples = 7, NoiseStdDev = 0.1 };
        var first = new GradientShap(options).Attribute(Request).Scores;
        Assert.That(new GradientShap(options).Attribute(Request with { MemoryBudgetBytes = 1 }).Scores, Is.EqualTo(first).Within(1e-6), "one sample a pass");
        Assert.That(new GradientShap(options).Attribute(Request with { Seed = 4 }).Scores, Is.Not.EqualTo(first));
    }

    [Test]
    public void Each_sample_costs_one_forward_and_one_backward()
    {
        var cost = new GradientShap(new GradientShapOptions { Samples = 5 }).Attribute(Request with { MemoryBudgetBytes = 1 }).Cost;
        Assert.That((cost.ForwardPasses, cost.BackwardPasses), Is.EqualTo((5L, 5L)));
    }
}
