using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Tests;

/// <summary>Gradient methods: saliency and input x gradient equal what the transformers fixture's
/// input-embedding gradient implies; integrated gradients is complete; costs are the theoretical ones.</summary>
[TestFixture]
[Fast]
public sealed class GradientMethodTests
{
    private ILanguageModel model = null!;

    [OneTimeSetUp]
    public void LoadModel() => model = Gpt2Fixture.Load();

    [OneTimeTearDown]
    public void Release() => model.Dispose();

    /// <summary>The fixture's objective: log p(42 | SEQ_A), differentiated at the word embeddings.</summary>
    private AttributionRequest FixtureRequest() =>
        new(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { Objective = Objective.LogProb };

    private static double[][] Rows(System.Text.Json.JsonElement matrix) =>
        matrix.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

    [Test]
    public void Saliency_is_the_norm_of_the_fixture_gradient_per_token()
    {
        using var expected = Gpt2Fixture.Expected();
        var gradient = Rows(expected.RootElement.GetProperty("grad_attribution").GetProperty("grad_inputs_embeds"));
        var result = new Saliency().Attribute(FixtureRequest());
        var reference = gradient.Select(r => Math.Sqrt(r.Sum(g => g * g))).ToArray();
        Assert.That(result.Scores.Select(s => (double)s), Is.EqualTo(reference).Within(1e-5));
    }

    [Test]
    public void Signed_saliency_is_the_sum_of_the_fixture_gradient_per_token()
    {
        using var expected = Gpt2Fixture.Expected();
        var gradient = Rows(expected.RootElement.GetProperty("grad_attribution").GetProperty("grad_inputs_embeds"));
        var result = new Saliency(new SaliencyOptions { Signed = true }).Attribute(FixtureRequest());
        Assert.That(result.Scores.Select(s => (double)s), Is.EqualTo(gradient.Select(r => r.Sum())).Within(1e-5));
    }

    [TestCase(GradientReduction.L2Norm)]
    [TestCase(GradientReduction.Sum)]
    public void Input_x_gradient_combines_the_fixture_embeddings_and_gradient(GradientReduction reduction)
    {
        using var expected = Gpt2Fixture.Expected();
        var g = expected.RootElement.GetProperty("grad_attribution");
        var gradient = Rows(g.GetProperty("grad_inputs_embeds"));
        var embeddings = Rows(g.GetProperty("inputs_embeds"));
        var products = embeddings.Zip(gradient, (e, d) => e.Zip(d, (a, b) => a * b).ToArray()).ToArray();
        var reference = reduction == GradientReduction.Sum ? products.Select(p => p.Sum()) : products.Select(p => Math.Sqrt(p.Sum(x => x * x)));
        var result = new InputXGradient(new InputXGradientOptions { Reduction = reduction }).Attribute(FixtureRequest());
        Assert.That(result.Scores.Select(s => (double)s), Is.EqualTo(reference).Within(1e-5));
    }

    [Test]
    public void Integrated_gradients_is_complete_within_one_percent_at_256_steps()
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { BatchSize = 64 };
        var result = new IntegratedGradients(new IntegratedGradientsOptions { Steps = 256 }).Attribute(request);
        var delta = result.Diagnostics["objective_input"] - result.Diagnostics["objective_baseline"];
        Assert.That(Math.Abs(delta), Is.GreaterThan(1e-4), "the baseline changes the objective, so the check is not vacuous");
        Assert.That(Math.Abs(result.Scores.Sum(s => (double)s) - delta), Is.LessThan(0.01 * Math.Abs(delta)));
        Assert.That(result.Diagnostics["relative_completeness_gap"], Is.LessThan(0.01));
    }

    [Test]
    public void Integrated_gradients_on_a_region_leaves_the_rest_fixed_and_stays_complete()
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { Region = 3..8, BatchSize = 64 };
        var result = new IntegratedGradients(new IntegratedGradientsOptions { Steps = 128, Method = IntegrationRule.GaussLegendre }).Attribute(request);
        Assert.That(result.Scores, Has.Length.EqualTo(5));
        var delta = result.Diagnostics["objective_input"] - result.Diagnostics["objective_baseline"];
        Assert.That(Math.Abs(result.Scores.Sum(s => (double)s) - delta), Is.LessThan(0.01 * Math.Abs(delta)));
    }

    [Test]
    public void Region_tokens_in_no_source_stay_at_their_embedding_along_the_integrated_gradients_path()
    {
        // A chat template's end of turn between the user text (positions 0-4) and the response (7-10): positions 5
        // and 6 are in the region but in no source, so integrated gradients' baseline keeps them as they are.
        var sources = new Harness.Data.Segmentation.Sources([.. Enumerable.Range(0, 5).Select(p => new[] { p }), .. Enumerable.Range(7, 4).Select(p => new[] { p })]);
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { Sources = sources };
        var grouped = new IntegratedGradients(new IntegratedGradientsOptions { Steps = 8 }).Attribute(request);
        // The same baseline by hand: token 0 at every source position, the template's tokens as they are.
        var baselineIds = Gpt2Fixture.Context.Select((id, p) => p is 5 or 6 ? id : 0).ToArray();
        var atBaseline = new IntegratedGradients(new IntegratedGradientsOptions { Steps = 8 }).Attribute(
            new AttributionRequest(model, baselineIds, new AttributionTarget.Token(42)));

        Assert.Multiple(() =>
        {
            Assert.That(grouped.Scores, Has.Length.EqualTo(9));
            Assert.That(grouped.Diagnostics["objective_baseline"], Is.EqualTo(atBaseline.Diagnostics["objective_input"]).Within(1e-5));
        });
    }

    [Test]
    public void A_kept_token_stays_at_its_embedding_scores_zero_and_integrated_gradients_stays_complete()
    {
        // Inseq's baseline: the unk token everywhere but where the input is the model's eos (here token 42, position 2).
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { BatchSize = 64 };
        var kept = new IntegratedGradients(new IntegratedGradientsOptions { Steps = 128, Baseline = EmbeddingBaseline.Token(0).Keeping(42) }).Attribute(request);
        var plain = new IntegratedGradients(new IntegratedGradientsOptions { Steps = 128 }).Attribute(request);
        var delta = kept.Diagnostics["objective_input"] - kept.Diagnostics["objective_baseline"];
        Assert.Multiple(() =>
        {
            Assert.That(kept.Scores[2], Is.EqualTo(0f), "the kept position's input equals its baseline");
            Assert.That(plain.Scores[2], Is.Not.EqualTo(0f), "without keep the position is attributed");
            Assert.That(Math.Abs(kept.Scores.Sum(s => (double)s) - delta), Is.LessThan(0.01 * Math.Abs(delta)));
        });
    }

    [Test]
    public void Costs_are_the_theoretical_pass_counts()
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { BatchSize = 16 };
        var saliency = new Saliency().Attribute(request).Cost;
        var ig = new IntegratedGradients(new IntegratedGradientsOptions { Steps = 50 }).Attribute(request).Cost;
        Assert.Multiple(() =>
        {
            Assert.That((saliency.ForwardPasses, saliency.BackwardPasses), Is.EqualTo((1L, 1L)), "saliency");
            Assert.That(saliency.TokensProcessed, Is.EqualTo(Gpt2Fixture.Context.Length));
            // 50 path points forward and backward, plus f(input) and f(baseline) for the completeness gap.
            Assert.That((ig.ForwardPasses, ig.BackwardPasses), Is.EqualTo((52L, 50L)), "integrated gradients");
            Assert.That(ig.Device, Is.EqualTo("cpu"));
            Assert.That(ig.DType, Is.EqualTo("Float32"));
            Assert.That(ig.WallTime, Is.GreaterThan(TimeSpan.Zero));
        });
    }

    [Test]
    public void The_same_request_gives_the_same_scores_bit_for_bit()
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42));
        var first = new IntegratedGradients(new IntegratedGradientsOptions { Steps = 20 }).Attribute(request).Scores;
        var second = new IntegratedGradients(new IntegratedGradientsOptions { Steps = 20 }).Attribute(request).Scores;
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void No_tensor_outlives_an_attribution()
    {
        var span = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Span([42, 7]));
        foreach (var name in AttributorRegistry.Names)
        {
            var before = Tensor.LiveCount;
            // grad_ellm explains single tokens only; reagent's default replacer needs a masked LM and
            // text (ReAgentTests.Leaves_no_tensor_behind runs it), so here its uniform one runs.
            var attributor = name == ReAgent.MethodName
                ? AttributorRegistry.Create(name, new Dictionary<string, string> { ["replacer"] = "uniform", ["max_steps"] = "5" })
                : AttributorRegistry.Create(name, At2Fixture.Uniform(model));
            attributor.Attribute(name == GradEllm.MethodName ? span with { Target = new AttributionTarget.Token(42) } : span);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Assert.That(Tensor.LiveCount, Is.EqualTo(before), name);
        }
    }
}
