using System.Text.Json;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>reagent_importance.json's importance scores: ReAGent's attention (last, all, rollout) and gradient (norm,
/// signed, integrated_gradients) rationalizers, `important_score` = softmax over the prompt of the raw score. Our
/// attributors, with the options that name ReAGent's settings, give the raw score; the softmax is what Soft-NS/NC's
/// `protocol: reagent` applies to it (Harness.Evaluation's SoftProtocol), applied here the same way.</summary>
[TestFixture]
[Fast]
public sealed class ReAgentRationalizerParityTests : ReferenceParityTests
{
    public static IEnumerable<TestCaseData> Scores() =>
        ReferenceFixture.Entries("reagent_importance.json", "importance_scores", withErrors: true);

    /// <summary>The attributor computing ReAGent's raw score; null where the official code raises (recorded as `error`).</summary>
    private static IAttributor? Attributor(string method) => method switch
    {
        "attention_last" => new AttentionWeights(lastLayerOnly: true),
        "attention_all" => new AttentionWeights(lastLayerOnly: false),
        "attention_rollout" => new AttentionRollout(),
        "gradient_norm" => new Saliency(new SaliencyOptions { Objective = Objective.LogProb }),
        "gradient_signed" => new InputXGradient(new InputXGradientOptions
        {
            Objective = Objective.LogProb, Reduction = GradientReduction.Sum, Multiplier = InputMultiplier.Reagent,
        }),
        "gradient_integrated_gradients" => new IntegratedGradients(new IntegratedGradientsOptions
        {
            Method = IntegrationRule.Reagent, Steps = 100, Baseline = EmbeddingBaseline.Zero, Objective = Objective.LogProb, Reduction = GradientReduction.Sum,
        }),
        // grad_type "integrated" leaves grad_scores unbound in grad.py (UnboundLocalError): nothing to reproduce.
        "gradient_integrated" => null,
        _ => throw new ArgumentException($"no attributor for ReAGent's {method}"),
    };

    [TestCaseSource(nameof(Scores))]
    public void The_softmax_of_our_raw_scores_is_reagents_important_score(JsonElement c, string precision, string method, JsonElement reference)
    {
        var attributor = Attributor(method);
        // Where the official code raised (grad_type "integrated"; ReAGent's OPT position call beyond a few tokens, or an
        // OPT whose word embedding is narrower than its positions), the fixture holds the error and no score to match.
        var raised = ReferenceFixture.RaisedInOfficialCode(reference);
        if (attributor is null || raised)
        {
            Assert.That(reference.TryGetProperty("important_score", out _), Is.False, $"{method}: a case the official code could not compute");
            Assert.That(raised, Is.True, $"{method}: the official code is recorded as raising");
            return;
        }

        var model = Models.For(c, precision);
        var request = new AttributionRequest(model, c.GetProperty("input_ids").Longs(), new AttributionTarget.Token(c.GetProperty("target_id").GetInt64()));

        var result = attributor.Attribute(request);

        var dtype = reference.GetProperty("dtype").GetString()!;
        var raw = dtype.EndsWith("float64", StringComparison.Ordinal)
            ? result.Float64Scores ?? throw new AssertionException("a float64 model gave no float64 scores")
            : result.Scores.Select(v => (double)v).ToArray();
        ReferenceFixture.AssertClose(Softmax(raw), reference.GetProperty("important_score").Doubles(), ReferenceFixture.Tolerance(dtype), $"{method} {precision}");
    }

    private static double[] Softmax(IReadOnlyList<double> scores)
    {
        var top = scores.Max();
        var exp = scores.Select(s => Math.Exp(s - top)).ToArray();
        return exp.Select(e => e / exp.Sum()).ToArray();
    }

    [Test]
    public void On_opt_the_reagent_multiplier_adds_the_position_rows_reagents_call_reads()
    {
        // ReAGent's grad.py passes position ids where transformers 4.45.1 expects an attention mask, so it adds the rows of
        // positions cumsum(i) * i - 1: for five tokens -1, 0, 5, 17, 39 (table rows 1, 2, 7, 19, 41), not 0..4.
        using var model = ReferenceFixture.Model("opt", "float64");
        long[] ids = [5, 17, 42, 88, 23];
        const long target = 7;
        var result = new InputXGradient(new InputXGradientOptions { Objective = Objective.LogProb, Reduction = GradientReduction.Sum, Multiplier = InputMultiplier.Reagent })
            .Attribute(new AttributionRequest(model, ids, new AttributionTarget.Token(target)));

        using var scope = Harness.Torch.torch.NewDisposeScope();
        var embeddings = model.Embed(Harness.Torch.torch.tensor(ids, [1, 5])).detach().requires_grad_();
        Harness.Torch.Tensor gradient;
        using (Harness.Torch.torch.enable_grad())
        {
            var logProbability = model.Forward(ModelInput.FromEmbeddings(embeddings)).Logits.select(1, 4).log_softmax(-1).select(1, target).sum();
            gradient = Harness.Torch.torch.autograd.grad(logProbability, embeddings);
        }

        var rows = model.PositionEmbeddings(Harness.Torch.torch.tensor(new long[] { -1, 0, 5, 17, 39 }, [5]))!;
        var expected = gradient.mul(embeddings.detach().add(rows.unsqueeze(0))).sum(-1).select(0, 0).ToArray<double>();
        Assert.That(result.Float64Scores, Is.EqualTo(expected).Within(1e-12));
    }
}
