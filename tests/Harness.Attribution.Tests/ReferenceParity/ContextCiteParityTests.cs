using System.Text.Json;
using Harness.Attribution.Methods;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>contextcite_solver.json: ContextCite's aggregate_logit_probs and LassoRegression.fit
/// (official float32 path) on synthetic masks and token logit-probabilities, for every problem and
/// response range the fixture holds.</summary>
[TestFixture]
[Fast]
public sealed class ContextCiteParityTests
{
    /// <summary>Every problem of the shared fixture and of the cases beside the tests.</summary>
    private static IEnumerable<JsonElement> AllProblems() =>
        ReferenceFixture.LoadAll("contextcite_solver.json").SelectMany(f => f.GetProperty("problems").EnumerateArray());

    /// <summary>A problem's ablation masks, true where the source is kept.</summary>
    private static bool[][] Masks(JsonElement problem) =>
        problem.GetProperty("masks").EnumerateArray().Select(row => row.Longs().Select(v => v == 1).ToArray()).ToArray();

    public static IEnumerable<TestCaseData> Fits()
    {
        foreach (var problem in AllProblems())
            foreach (var fit in problem.GetProperty("fits").EnumerateArray())
            {
                var range = fit.GetProperty("ids_range").Longs();
                yield return new TestCaseData(problem, fit).SetArgDisplayNames(problem.GetProperty("name").GetString()!, $"[{range[0]},{range[1]})");
            }
    }

    private static (bool[][] Masks, float[] Outputs) Outputs(JsonElement problem, JsonElement fit)
    {
        var range = fit.GetProperty("ids_range").Longs();
        var masks = Masks(problem);
        var outputs = problem.GetProperty("token_logit_probs_float32").EnumerateArray()
            .Select(row => ContextCiteSurrogate.Aggregate(row.Doubles()[(int)range[0]..(int)range[1]].Select(v => (float)v).ToArray()))
            .ToArray();
        return (masks, outputs);
    }

    public static IEnumerable<TestCaseData> Problems() =>
        AllProblems().Select(p => new TestCaseData(p).SetArgDisplayNames(p.GetProperty("name").GetString()!));

    [TestCaseSource(nameof(Problems))]
    public void The_default_masks_are_the_ones_contextcites_code_draws(JsonElement problem)
    {
        // The fixtures' masks are _create_mask(n_sources, 0.5, i + 0) for i < num_masks: ContextCite's own draw.
        var expected = Masks(problem);
        var options = new ContextCiteOptions { Ablations = expected.Length };
        var masks = ContextCite.Masks(options, problem.GetProperty("n_sources").GetInt32(), itemSeed: 12345);
        Assert.That(masks, Is.EqualTo(expected));
    }

    [Test]
    public void Seeded_masks_follow_the_items_seed_and_contextcites_do_not()
    {
        var seeded = new ContextCiteOptions { Draw = MaskDraw.Seeded };
        var reference = new ContextCiteOptions();
        Assert.Multiple(() =>
        {
            Assert.That(ContextCite.Masks(seeded, 12, 1), Is.Not.EqualTo(ContextCite.Masks(seeded, 12, 2)));
            Assert.That(ContextCite.Masks(seeded, 12, 1), Is.EqualTo(ContextCite.Masks(seeded, 12, 1)));
            Assert.That(ContextCite.Masks(reference, 12, 1), Is.EqualTo(ContextCite.Masks(reference, 12, 2)));
            Assert.That(ContextCite.Masks(reference with { BaseSeed = 64 }, 12, 1)[0], Is.EqualTo(ContextCite.Masks(reference with { Ablations = 65 }, 12, 1)[64]),
                "base_seed shifts the seeds: mask 0 of base 64 is mask 64 of base 0");
            // LDS draws its masks from the item's seed itself: the surrogate must not be fitted on the masks it is scored on.
            using var lds = new CoalitionSampler(1);
            Assert.That(ContextCite.Masks(seeded, 12, 1)[0], Is.Not.EqualTo(lds.KeepMask(12, 0.5)), "a stream apart from LDS's");
        });
    }

    [Test]
    public void Seeds_past_numpys_range_are_refused()
    {
        using var model = ReferenceFixture.Model("gpt2", "float32");
        var request = new Harness.Attribution.Core.AttributionRequest(model, [5, 17, 42], new AttributionTarget.Token(7));
        var options = new ContextCiteOptions { Ablations = 64, BaseSeed = uint.MaxValue - 62, ReplacementTokenId = 0 };
        Assert.That(() => new ContextCite(options).Attribute(request),
            Throws.InstanceOf<Harness.Attribution.Core.AttributionException>().With.Message.Contains("base_seed + ablations - 1"));
        Assert.That(new ContextCite(options with { BaseSeed = uint.MaxValue - 63 }).Attribute(request).Scores, Has.Length.EqualTo(3), "the last seed numpy takes");
    }

    [TestCaseSource(nameof(Fits))]
    public void The_outputs_are_the_float32_logit_of_the_joint_probability_over_the_range(JsonElement problem, JsonElement fit)
    {
        var (_, outputs) = Outputs(problem, fit);
        ReferenceFixture.AssertClose(outputs.Select(o => (double)o).ToArray(), fit.GetProperty("outputs").Doubles(), 1e-5, "aggregate_logit_probs");
    }

    [TestCaseSource(nameof(Fits))]
    public void The_surrogate_is_lasso_regression_fit_with_weights_times_the_response_length(JsonElement problem, JsonElement fit)
    {
        var (masks, outputs) = Outputs(problem, fit);
        var tokens = fit.GetProperty("num_output_tokens").GetInt32();
        var result = ContextCiteSurrogate.FitOutputs(masks, outputs, tokens);
        var expectedWeights = fit.GetProperty("weight").Doubles();
        var expectedBias = fit.GetProperty("bias").GetDouble();
        // Float32 tolerance on the fit as one vector (weights, then bias).
        ReferenceFixture.AssertClose([.. result.Weights, result.Bias], [.. expectedWeights, expectedBias], 1e-5, "weight, bias");
        Assert.Multiple(() =>
        {
            for (var j = 0; j < expectedWeights.Length; j++)
                if (expectedWeights[j] == 0) Assert.That(result.Weights[j], Is.EqualTo(0), $"source {j} is a Lasso zero in the reference");
            Assert.That(result.LassoIterations, Is.EqualTo(fit.GetProperty("lasso_n_iter").GetInt32()), "coordinate-descent sweeps (sklearn n_iter_)");
        });
    }
}
