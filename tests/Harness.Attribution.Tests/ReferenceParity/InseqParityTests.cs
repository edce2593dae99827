using System.Text.Json;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>inseq_gradient.json: Inseq's saliency, input_x_gradient and integrated_gradients (attributing the
/// probability, Inseq's default) and its default aggregation: the L2 norm over the hidden dimension, which our
/// attributors return with `reduction: l2_norm`, then divided by its sum over the prompt, which Soft-NS/NC's
/// `protocol: reagent` applies to `inseq_attributors` (transform `sum`) and this test applies the same way.
/// Where Inseq's raw attributions summed over hidden are signed sums we compare them too (`reduction: sum`).
/// inseq_gradient_shap.json beside the tests (gen_inseq_gradient_shap.py) adds Inseq's gradient_shap after
/// np.random.seed and torch.manual_seed, which the request's seed reproduces.</summary>
[TestFixture]
[Fast]
public sealed class InseqParityTests : ReferenceParityTests
{
    public static IEnumerable<TestCaseData> Results() =>
        ReferenceFixture.Entries("inseq_gradient.json", section: null)
            .Concat(ReferenceFixture.Entries([ReferenceFixture.LoadBeside("inseq_gradient_shap.json")], "inseq_gradient_shap.json", section: null));

    /// <summary>Inseq's method with the given reduction over the hidden dimension (IG: Captum's Gauss-Legendre from
    /// the unk token's embedding, id 0 with the fixture's tokenizer shim, but where the prompt holds the model's eos
    /// token, which keeps its embedding; n_steps from the call).</summary>
    private static IAttributor? Attributor(string method, JsonElement reference, GradientReduction reduction, long eos = 0)
    {
        // Captum's IntegratedGradients default is 50 steps when the call names none.
        var steps = reference.GetProperty("attribute_kwargs").TryGetProperty("n_steps", out var n) ? n.GetInt32() : 50;
        return method switch
        {
            // Captum's Saliency takes |grad|: its sum over hidden is no option of ours, its L2 norm is the plain one.
            "saliency" => reduction == GradientReduction.L2Norm ? new Saliency(new SaliencyOptions { Objective = Objective.Prob }) : null,
            "input_x_gradient" => new InputXGradient(new InputXGradientOptions { Objective = Objective.Prob, Reduction = reduction }),
            "integrated_gradients" => new IntegratedGradients(new IntegratedGradientsOptions
            {
                Objective = Objective.Prob, Steps = steps, Method = IntegrationRule.GaussLegendre, Baseline = EmbeddingBaseline.Token(0).Keeping(eos), Reduction = reduction,
            }),
            // Captum's GradientShap from Inseq's baseline (as integrated_gradients'), n_samples from the call (Captum's default 5).
            _ when method.StartsWith("gradient_shap", StringComparison.Ordinal) => new GradientShap(new GradientShapOptions
            {
                Objective = Objective.Prob, Samples = reference.GetProperty("attribute_kwargs").GetProperty("n_samples").GetInt32(),
                Baseline = EmbeddingBaseline.Token(0).Keeping(eos), Reduction = reduction,
            }),
            _ => throw new ArgumentException($"no attributor for Inseq's {method}"),
        };
    }

    /// <summary>The eos id Inseq reads from the model's config.json (the first of a list), as the harness hands it to
    /// attributors; without one Inseq takes the tokenizer's pad token, t0 (id 0) in the fixtures' shim.</summary>
    private static long Eos(JsonElement c) =>
        GenerationConfig.ConfigEosTokenId(SharedFolder.Combine("fixtures", "hf-parity", c.GetProperty("model_fixture").GetString()!)) ?? 0;

    /// <summary>The attribution of the case's prompt, seeded as the reference call was (np.random.seed and torch.manual_seed).</summary>
    private double[] Attribute(JsonElement c, string precision, JsonElement reference, IAttributor attributor)
    {
        var model = Models.For(c, precision);
        var result = attributor.Attribute(new AttributionRequest(model, c.GetProperty("input_ids").Longs(), new AttributionTarget.Token(c.GetProperty("target_id").GetInt64()))
        {
            Seed = reference.TryGetProperty("numpy_and_torch_seed", out var seed) ? seed.GetUInt64() : 0,
        });
        return result.Float64Scores ?? result.Scores.Select(v => (double)v).ToArray();
    }

    [TestCaseSource(nameof(Results))]
    public void The_aggregated_prompt_attributions_are_inseqs(JsonElement c, string precision, string method, JsonElement reference)
    {
        var norms = Attribute(c, precision, reference, Attributor(method, reference, GradientReduction.L2Norm, Eos(c))!);

        var aggregated = norms.Select(n => n / norms.Sum()).ToArray();

        // Inseq casts its attributions to float32 even for a float64 model: the float32 tolerance applies to both.
        ReferenceFixture.AssertClose(aggregated, reference.GetProperty("aggregated_prompt_positions").Doubles(),
            ReferenceFixture.Tolerance(reference.GetProperty("dtype").GetString()!), $"{method} {precision} aggregated");
    }

    /// <summary>The results whose raw sum over hidden is a signed sum (saliency's is of |grad|, no reduction of ours).</summary>
    public static IEnumerable<TestCaseData> SignedSums() =>
        Results().Where(data => Attributor((string)data.Arguments[2]!, (JsonElement)data.Arguments[3]!, GradientReduction.Sum) is not null);

    [TestCaseSource(nameof(SignedSums))]
    public void The_signed_sums_over_hidden_are_inseqs(JsonElement c, string precision, string method, JsonElement reference)
    {
        var attributor = Attributor(method, reference, GradientReduction.Sum, Eos(c))!;

        ReferenceFixture.AssertClose(Attribute(c, precision, reference, attributor), reference.GetProperty("raw_sum_over_hidden_prompt_positions").Doubles(),
            ReferenceFixture.Tolerance(reference.GetProperty("dtype").GetString()!), $"{method} {precision} raw sum");
    }
}
