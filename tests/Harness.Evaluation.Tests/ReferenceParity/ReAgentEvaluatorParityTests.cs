using System.Text.Json;
using Harness.Attribution.Tests;
using Harness.Evaluation.Core;
using Harness.Evaluation.Soft;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Evaluation.Tests.ReferenceParity;

/// <summary>reagent_importance.json's evaluators: ReAGent's soft sufficiency / comprehensiveness (and their normalised
/// forms with S0) on 0/1 importance vectors, where the Bernoulli masks are exact (a kept or a zeroed word embedding,
/// GPT-2 still adding its position embedding) and D runs over the whole next-token distribution. Computed through
/// soft_ns and soft_nc themselves, with the vector as keep probabilities (`normalize: none`).</summary>
[TestFixture]
[Fast]
public sealed class ReAgentEvaluatorParityTests : ReferenceParityTests
{
    public static IEnumerable<TestCaseData> Vectors() =>
        ReferenceFixture.Entries("reagent_importance.json", "evaluators");

    [TestCaseSource(nameof(Vectors))]
    public void Soft_sufficiency_comprehensiveness_and_their_normalised_forms_are_reagents(JsonElement c, string precision, string vector, JsonElement reference)
    {
        var model = Models.For(c, precision);
        var importance = reference.GetProperty("importance_vector").Doubles().Select(v => (float)v).ToArray();
        var input = new MetricInput(model, c.GetProperty("input_ids").Longs(), new AttributionTarget.Token(c.GetProperty("target_id").GetInt64()), importance);
        var options = new SoftOptions { Normalize = ScoreNormalization.None };

        var ns = new SoftMetric(SoftSide.Sufficiency, options).Evaluate(input);
        var nc = new SoftMetric(SoftSide.Comprehensiveness, options).Evaluate(input);

        // ReAGent computes D in the dtype of the model's logits; the metric in float64 from them: float32 logits agree to
        // float32 rounding (1e-5 of the largest value, the fixtures' rule), float64 ones to 1e-9. A float64 GPT-J's
        // logits are float32 (GPTJForCausalLM casts them), so ReAGent's D is float32 there.
        var tolerance = ReferenceFixture.Tolerance(LogitsCastToFloat32.Contains(c.GetProperty("model_fixture").GetString()) ? "float32" : precision);
        var expected = new[]
        {
            reference.GetProperty("soft_sufficiency").GetDouble(), reference.GetProperty("soft_comprehensiveness").GetDouble(),
            reference.GetProperty("S0_sufficiency_rationale_ratio_0").GetDouble(),
            reference.GetProperty("soft_normalized_sufficiency").GetDouble(), reference.GetProperty("soft_normalized_comprehensiveness").GetDouble(),
        };
        var actual = new[] { ns.Parts[PartKey.Parse("ss")], nc.Parts[PartKey.Parse("sc")], ns.Parts[PartKey.Parse("s0")], ns.Value, nc.Value };
        ReferenceFixture.AssertClose(actual, expected, tolerance, $"{precision} ss, sc, S0, soft_ns, soft_nc");
    }

    /// <summary>The fixture models whose transformers 4.45.1 forward returns float32 logits whatever the model's dtype
    /// (GPTJForCausalLM, LlamaForCausalLM and its Mistral and Qwen2 kin, Phi3ForCausalLM); GPT-2's and OPT's keep it.</summary>
    private static readonly HashSet<string?> LogitsCastToFloat32 = ["gptj", "llama", "mistral", "qwen2", "phi3"];
}
