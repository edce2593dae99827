using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>key=value options bind to the typed records by snake_case names, and bad ones fail
/// naming the attributor, the key, the value and what is valid.</summary>
[TestFixture]
[Fast]
public sealed class OptionBinderTests
{
    [Test]
    public void Values_bind_to_the_typed_record()
    {
        var options = (IntegratedGradientsOptions)OptionBinder.Bind("integrated_gradients", typeof(IntegratedGradientsOptions),
            new Dictionary<string, string> { ["steps"] = "128", ["method"] = "gauss_legendre" })!;
        Assert.That(options, Is.EqualTo(new IntegratedGradientsOptions { Steps = 128, Method = IntegrationRule.GaussLegendre }));
    }

    [Test]
    public void Integrated_gradients_takes_the_specs_objective_baseline_and_reduction()
    {
        var options = (IntegratedGradientsOptions)OptionBinder.Bind("integrated_gradients", typeof(IntegratedGradientsOptions),
            new Dictionary<string, string> { ["objective"] = "prob", ["baseline"] = "token:7", ["reduction"] = "l2_norm", ["method"] = "riemann_trapezoid" })!;
        var zero = (IntegratedGradientsOptions)OptionBinder.Bind("integrated_gradients", typeof(IntegratedGradientsOptions),
            new Dictionary<string, string> { ["baseline"] = "zero" })!;
        Assert.Multiple(() =>
        {
            Assert.That(options, Is.EqualTo(new IntegratedGradientsOptions
            {
                Objective = Objective.Prob, Baseline = EmbeddingBaseline.Token(7), Reduction = GradientReduction.L2Norm, Method = IntegrationRule.RiemannTrapezoid,
            }));
            Assert.That(zero.Baseline, Is.EqualTo(EmbeddingBaseline.Zero));
            Assert.That(() => OptionBinder.Bind("integrated_gradients", typeof(IntegratedGradientsOptions), new Dictionary<string, string> { ["baseline"] = "token:x" }),
                Throws.InstanceOf<ScoringException>().With.Message.Contains("baseline").And.Message.Contains("token:<id>"));
        });
    }

    [Test]
    public void A_token_baseline_may_keep_one_token_at_its_own_embedding()
    {
        IntegratedGradientsOptions Bind(string value) => (IntegratedGradientsOptions)OptionBinder.Bind("integrated_gradients", typeof(IntegratedGradientsOptions),
            new Dictionary<string, string> { ["baseline"] = value })!;
        Assert.Multiple(() =>
        {
            Assert.That(Bind("token:0,keep:2").Baseline, Is.EqualTo(EmbeddingBaseline.Token(0).Keeping(2)));
            Assert.That(Bind(" token:3 , keep:50256 ").Baseline.ToString(), Is.EqualTo("token:3,keep:50256"));
            foreach (var bad in new[] { "zero,keep:2", "token:0,keep:x", "token:0,keep:2,keep:3", "keep:2" })
                Assert.That(() => Bind(bad), Throws.InstanceOf<ScoringException>().With.Message.Contains("token:<id>,keep:<id>"), bad);
            Assert.That(() => EmbeddingBaseline.Zero.Keeping(2), Throws.InvalidOperationException);
            Assert.That(Bind("eos").Baseline, Is.EqualTo(EmbeddingBaseline.Eos));
            Assert.That(EmbeddingBaseline.Eos.Resolve(50256), Is.EqualTo(EmbeddingBaseline.Token(50256)));
            Assert.That(EmbeddingBaseline.Token(3).Resolve(50256), Is.EqualTo(EmbeddingBaseline.Token(3)), "only eos depends on the model");
        });
    }

    [Test]
    public void The_objective_binds_on_every_gradient_and_perturbation_attributor()
    {
        foreach (var name in new[] { "saliency", "input_x_gradient", "integrated_gradients", "gradient_shap", "occlusion", "shapley_sampling", "kernel_shap", "lime" })
        {
            var entry = AttributorRegistry.Find(name);
            var options = OptionBinder.Bind(name, entry.OptionsType, new Dictionary<string, string> { ["objective"] = "logit" })!;
            Assert.That(entry.OptionsType!.GetProperty("Objective")!.GetValue(options), Is.EqualTo(Objective.Logit), name);
        }
    }

    [Test]
    public void Nullable_numbers_and_flags_bind()
    {
        var ellm = (GradEllmOptions)OptionBinder.Bind("grad_ellm", typeof(GradEllmOptions), new Dictionary<string, string> { ["last_layers"] = "2", ["spatial"] = "softmax" })!;
        var saliency = (SaliencyOptions)OptionBinder.Bind("saliency", typeof(SaliencyOptions), new Dictionary<string, string> { ["signed"] = "true" })!;
        Assert.That((ellm.LastLayers, ellm.Spatial, saliency.Signed), Is.EqualTo(((int?)2, GradEllmSpatial.Softmax, true)));
    }

    [Test]
    public void No_options_give_the_defaults()
    {
        Assert.That(OptionBinder.Bind("lime", typeof(LimeOptions), new Dictionary<string, string>()), Is.EqualTo(new LimeOptions()));
        Assert.That(OptionBinder.Bind("random", null, new Dictionary<string, string>()), Is.Null);
    }

    [TestCase("integrated_gradients", "stpes", "128", "no option 'stpes'", "steps")]
    [TestCase("integrated_gradients", "method", "simpson", "method=simpson", "riemann_trapezoid")]
    [TestCase("integrated_gradients", "steps", "many", "steps=many", "an integer")]
    [TestCase("random", "seed", "1", "takes no options", "seed")]
    public void Bad_options_fail_saying_what_is_valid(string attributor, string key, string value, string problem, string valid)
    {
        var values = new Dictionary<string, string> { [key] = value };
        Assert.That(() => AttributorRegistry.Create(attributor, values),
            Throws.InstanceOf<ScoringException>().With.Message.Contains(problem).And.Message.Contains(valid));
    }

    [TestCase("NoiseStdDev", "noise_std_dev")]
    [TestCase("LastLayers", "last_layers")]
    [TestCase("Steps", "steps")]
    [TestCase("ReplacementTokenId", "replacement_token_id")]
    public void Property_names_become_snake_case(string property, string key) =>
        Assert.That(OptionBinder.SnakeCase(property), Is.EqualTo(key));

    [Test]
    public void Every_entry_with_options_builds_from_its_default_record()
    {
        foreach (var entry in AttributorRegistry.Entries)
        {
            var attributor = AttributorRegistry.Create(entry.Name, new Dictionary<string, string>());
            Assert.That(attributor.Name, Is.EqualTo(entry.Name));
            Assert.That(OptionBinder.Keys(entry.OptionsType), Is.Unique, entry.Name);
        }
    }
}
