using System.Text.Json;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>captum_llm_attr.json: Captum's LLMAttribution(FeatureAblation, and in the cases beside the tests
/// ShapleyValueSampling after torch.manual_seed) and LLMGradientAttribution(LayerIntegratedGradients,
/// LayerGradientXActivation) at the token embedding,
/// seq_attr per prompt token, for every case, precision and method the fixture holds. FeatureAblation
/// and LayerIntegratedGradients run with our attributors' defaults, which are Captum's.</summary>
[TestFixture]
[Fast]
public sealed class CaptumParityTests : ReferenceParityTests
{
    public static IEnumerable<TestCaseData> Results() =>
        ReferenceFixture.Entries("captum_llm_attr.json", section: null);

    /// <summary>The attributor computing what the reference method computes (its options from the fixture).</summary>
    private static IAttributor Attributor(string method, JsonElement options) => method switch
    {
        _ when method.StartsWith("feature_ablation", StringComparison.Ordinal) => new Occlusion(new OcclusionOptions { Objective = Target(options) }),
        // Captum draws the permutations with torch.randperm after torch.manual_seed(seed): the request's seed draws the same.
        _ when method.StartsWith("shapley_value_sampling", StringComparison.Ordinal) =>
            new ShapleySampling(new ShapleySamplingOptions { Permutations = options.GetProperty("n_samples").GetInt32(), Objective = Target(options) }),
        // Captum's rule and step count as the case's options name them (gausslegendre by default).
        _ when method.StartsWith("layer_integrated_gradients", StringComparison.Ordinal) => new IntegratedGradients(new IntegratedGradientsOptions
        {
            Steps = options.GetProperty("n_steps").GetInt32(),
            Method = options.GetProperty("method").GetString() == "riemann_trapezoid" ? IntegrationRule.RiemannTrapezoid : IntegrationRule.GaussLegendre,
        }),
        "layer_gradient_x_activation" => new InputXGradient(new InputXGradientOptions { Objective = Objective.LogProb, Reduction = GradientReduction.Sum }),
        _ => throw new ArgumentException($"no attributor for Captum's {method}"),
    };

    /// <summary>LLMAttribution's attr_target: the log-probability (its default) or the probability of the target.</summary>
    private static Objective Target(JsonElement options) =>
        options.TryGetProperty("attr_target", out var target) && target.GetString() == "prob" ? Objective.Prob : Objective.LogProb;

    [TestCaseSource(nameof(Results))]
    public void Seq_attr_is_reproduced(JsonElement c, string precision, string method, JsonElement reference)
    {
        var model = Models.For(c, precision);
        var options = reference.GetProperty("options");
        var request = new AttributionRequest(model, c.GetProperty("input_ids").Longs(), new AttributionTarget.Token(c.GetProperty("target_id").GetInt64()))
        {
            Seed = options.TryGetProperty("torch_manual_seed", out var seed) ? seed.GetUInt64() : 0,
        };
        var result = Attributor(method, options).Attribute(request);
        var expected = reference.GetProperty("seq_attr").Doubles();
        var dtype = reference.GetProperty("result_dtype").GetString()!;
        // A float64 reference (Captum's gradient methods on the float64 model) is compared with our
        // float64 scores; Captum's FeatureAblation is float32 for both models (its float buffer).
        var scores = dtype.EndsWith("float64", StringComparison.Ordinal)
            ? result.Float64Scores ?? throw new AssertionException("a float64 model gave no float64 scores")
            : result.Scores.Select(v => (double)v).ToArray();
        ReferenceFixture.AssertClose(scores, expected, ReferenceFixture.Tolerance(dtype), $"{method} {precision}");
    }

    /// <summary>The results whose options record Captum's integration points (LayerIntegratedGradients).</summary>
    public static IEnumerable<TestCaseData> Paths() =>
        Results().Where(data => ((JsonElement)data.Arguments[3]!).GetProperty("options").TryGetProperty("alphas", out _));

    [TestCaseSource(nameof(Paths))]
    public void Integration_points_and_step_sizes_are_captums(JsonElement c, string precision, string method, JsonElement reference)
    {
        var options = reference.GetProperty("options");
        var alphas = options.GetProperty("alphas");
        var rule = options.GetProperty("method").GetString() == "riemann_trapezoid" ? IntegrationRule.RiemannTrapezoid : IntegrationRule.GaussLegendre;
        var (ourAlphas, ourSteps) = Quadrature.Of(rule, options.GetProperty("n_steps").GetInt32());
        Assert.Multiple(() =>
        {
            Assert.That(ourAlphas, Is.EqualTo(alphas.Doubles()).Within(1e-14), "alphas");
            Assert.That(ourSteps, Is.EqualTo(options.GetProperty("step_sizes").Doubles()).Within(1e-14), "step sizes (numpy's leggauss and our Newton iteration agree to a few ulps)");
        });
    }
}
