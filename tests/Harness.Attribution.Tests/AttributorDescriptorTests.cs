using Harness.Attribution;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>What each built-in attributor's descriptor declares (issue 25, item 2): the descriptor is the one place a
/// method's traits live, so these are the spec's tables restated per method.</summary>
[TestFixture]
[Fast]
public sealed class AttributorDescriptorTests
{
    // spec/metrics.md section 1, `protocol: reagent`: ReAGent's own scores and the random baseline are already
    // distributions; the ReAGent code ran gradient_shap through Inseq (sum-1); everything else gets the softmax.
    [TestCase("random", ProtocolTransform.None)]
    [TestCase("reagent", ProtocolTransform.None)]
    [TestCase("gradient_shap", ProtocolTransform.Sum)]
    [TestCase("attention", ProtocolTransform.Softmax)]
    [TestCase("attention_last", ProtocolTransform.Softmax)]
    [TestCase("attention_rollout", ProtocolTransform.Softmax)]
    [TestCase("saliency", ProtocolTransform.Softmax)]
    [TestCase("input_x_gradient", ProtocolTransform.Softmax)]
    [TestCase("integrated_gradients", ProtocolTransform.Softmax)]
    [TestCase("lime", ProtocolTransform.Softmax)]
    [TestCase("grad_ellm", ProtocolTransform.Softmax)]
    public void The_reagent_protocol_transform_is_the_spec_table(string attributor, ProtocolTransform transform) =>
        Assert.That(AttributorRegistry.Find(attributor).ReagentTransform, Is.EqualTo(transform));

    [Test]
    public void Gradient_methods_declare_gradients_and_perturbation_methods_do_not()
    {
        string[] gradient = ["saliency", "input_x_gradient", "integrated_gradients", "gradient_shap", "grad_ellm"];
        foreach (var descriptor in AttributorRegistry.BuiltIn)
            Assert.That(descriptor.NeedsFor(null).HasFlag(AttributorNeeds.Gradients), Is.EqualTo(gradient.Contains(descriptor.Name)), descriptor.Name);
    }

    [Test]
    public void Each_descriptor_creates_its_own_method_with_default_options()
    {
        foreach (var descriptor in AttributorRegistry.BuiltIn)
            Assert.That(descriptor.Create(descriptor.Bind(new Dictionary<string, string>()), AttributorResources.None).Name, Is.EqualTo(descriptor.Name));
    }

    [TestCase("occlusion", 10, 11, 0)]
    [TestCase("shapley_sampling", 10, 2 + 25 * 9, 0)]
    [TestCase("integrated_gradients", 10, 52, 50)]
    [TestCase("gradient_shap", 10, 5, 5)]
    [TestCase("random", 10, 0, 0)]
    public void The_pass_rule_counts_from_the_definition_with_default_options(string attributor, double units, double forward, double backward) =>
        Assert.That(AttributorRegistry.Find(attributor).Passes.Of(null, units), Is.EqualTo(new PassEstimate(forward, backward)));
}
