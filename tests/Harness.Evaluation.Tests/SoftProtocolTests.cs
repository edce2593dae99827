using Harness.Evaluation.Core;
using Harness.Evaluation.Soft;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Evaluation.Tests;

/// <summary>Soft-NS/NC's `protocol` (spec/metrics.md section 1): under `reagent` each attributor's scores become keep
/// probabilities as the ReAGent code makes them, by the rule its descriptor declares (softmax of the raw scores; none for
/// distributions; Inseq's sum-1 for the attributors run through Inseq; AttributorDescriptorTests check each method's),
/// `normalize` overrides it for all, and the row records both.</summary>
[TestFixture]
[Fast]
public sealed class SoftProtocolTests
{
    [TestCase(ProtocolTransform.Softmax, ScoreNormalization.Softmax)]
    [TestCase(ProtocolTransform.Sum, ScoreNormalization.Sum)]
    [TestCase(ProtocolTransform.None, ScoreNormalization.None)]
    [TestCase(null, ScoreNormalization.Softmax, Description = "an attributor without a descriptor: the rule for methods the paper lacks")]
    public void The_reagent_protocol_applies_the_transform_the_attributor_declares(ProtocolTransform? declared, ScoreNormalization transform) =>
        Assert.That(SoftProtocol.Transform(SoftProtocolName.Reagent, "some_method", declared), Is.EqualTo(transform));

    [Test]
    public void Which_attributors_ran_through_Inseq_is_an_option_and_protocol_none_takes_scores_as_given()
    {
        string[] inseq = ["input_x_gradient"];
        Assert.Multiple(() =>
        {
            Assert.That(SoftProtocol.Transform(SoftProtocolName.Reagent, "input_x_gradient", ProtocolTransform.Softmax, inseq), Is.EqualTo(ScoreNormalization.Sum));
            Assert.That(SoftProtocol.Transform(SoftProtocolName.Reagent, "gradient_shap", ProtocolTransform.Sum, inseq), Is.EqualTo(ScoreNormalization.Softmax),
                "the option replaces the descriptors' choice of Inseq methods");
            Assert.That(SoftProtocol.Transform(SoftProtocolName.Reagent, "reagent", ProtocolTransform.None, ["reagent"]), Is.EqualTo(ScoreNormalization.None),
                "a distribution stays as given");
            Assert.That(SoftProtocol.Transform(SoftProtocolName.None, "saliency", ProtocolTransform.Softmax), Is.EqualTo(ScoreNormalization.None));
            Assert.That(SoftProtocol.Transform(SoftProtocolName.Reagent, null, ProtocolTransform.Softmax), Is.EqualTo(ScoreNormalization.None), "scores given by hand");
        });
    }

    [Test]
    public void The_reagent_softmax_is_over_the_raw_scores_negatives_included()
    {
        float[] signed = [-2f, 0.5f, 1f];

        var keep = KeepProbabilities.RawSoftmax(signed);

        var exp = signed.Select(s => Math.Exp(s)).ToArray();
        Assert.That(keep, Is.EqualTo(exp.Select(e => e / exp.Sum()).ToArray()).Within(1e-15));
        Assert.That(keep[0], Is.GreaterThan(0), "a negative score still keeps its token with a small probability");
    }

    [Test]
    public void The_metric_applies_the_protocol_by_attributor_records_it_and_normalize_overrides_it()
    {
        using var model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", "gpt2"));
        float[] scores = [3f, -1f, 0.5f, 2f];
        MetricInput Input(string? attributor, ProtocolTransform declared) =>
            new(model, [5, 17, 42, 88], new AttributionTarget.Token(7), scores) { Attributor = attributor, ReagentTransform = declared, Seed = 3 };
        // Eight masks per value: keep probabilities that differ then give different masks, hence values, almost surely.
        var byProtocol = new SoftMetric(SoftSide.Sufficiency, new SoftOptions { Samples = 8 });
        var softmaxForAll = new SoftMetric(SoftSide.Sufficiency, new SoftOptions { Samples = 8, Normalize = ScoreNormalization.Softmax });
        var noneForAll = new SoftMetric(SoftSide.Sufficiency, new SoftOptions { Samples = 8, Normalize = ScoreNormalization.None });

        var saliency = byProtocol.Evaluate(Input("saliency", ProtocolTransform.Softmax));
        var reagent = byProtocol.Evaluate(Input("reagent", ProtocolTransform.None));
        var overridden = noneForAll.Evaluate(Input("saliency", ProtocolTransform.Softmax));

        Assert.Multiple(() =>
        {
            Assert.That(saliency.Settings, Is.EqualTo(new Dictionary<string, string> { ["protocol"] = "reagent", ["transform"] = "softmax" }));
            Assert.That(reagent.Settings["transform"], Is.EqualTo("none"));
            Assert.That(overridden.Settings, Is.EqualTo(new Dictionary<string, string> { ["protocol"] = "overridden by normalize", ["transform"] = "none" }));
            // The protocol's softmax takes the raw scores; `normalize: softmax` clips negatives first (its `negative` rule).
            Assert.That(saliency.Value, Is.Not.EqualTo(softmaxForAll.Evaluate(Input("saliency", ProtocolTransform.Softmax)).Value), "-1 is softmaxed raw, not clipped to 0");
            Assert.That(reagent.Value, Is.EqualTo(noneForAll.Evaluate(Input("reagent", ProtocolTransform.None)).Value), "reagent's scores are kept as given");
        });
    }
}
