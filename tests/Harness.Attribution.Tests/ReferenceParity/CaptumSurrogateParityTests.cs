using System.Text.Json;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>captum_surrogates.json (Fixtures/ReferenceCases, gen_captum_surrogates.py): Captum's Lime and KernelShap
/// through LLMAttribution after torch.manual_seed, on every causal fixture model, prompt and precision. lime with
/// Captum's Lasso and kernel_shap draw the samples Captum draws for the same seed, weight them as Captum does, and
/// reproduce its seq_attr.</summary>
[TestFixture]
[Fast]
public sealed class CaptumSurrogateParityTests : ReferenceParityTests
{
    private const string File = "captum_surrogates.json";

    public static IEnumerable<TestCaseData> Results() => ReferenceFixture.Entries([ReferenceFixture.LoadBeside(File)], File, section: null);

    /// <summary>The Lime entries, whose surrogate (a Lasso) is checked on Captum's own samples too.</summary>
    public static IEnumerable<TestCaseData> LimeResults() => Results().Where(data => IsLime((string)data.Arguments[2]!));

    private static bool IsLime(string method) => method.StartsWith("lime", StringComparison.Ordinal);

    private static int CaptumSamples(JsonElement reference) => reference.GetProperty("options").GetProperty("n_samples").GetInt32();

    private static ulong Seed(JsonElement reference) => reference.GetProperty("options").GetProperty("torch_manual_seed").GetUInt64();

    private static bool[][] CaptumMasks(JsonElement reference) =>
        reference.GetProperty("samples").GetProperty("masks").EnumerateArray().Select(m => m.EnumerateArray().Select(v => v.GetInt32() == 1).ToArray()).ToArray();

    [TestCaseSource(nameof(Results))]
    public void The_seed_draws_captums_samples(JsonElement c, string precision, string method, JsonElement reference)
    {
        var n = c.GetProperty("input_ids").GetArrayLength();
        using var sampler = new CoalitionSampler(Seed(reference));
        // KernelShap's first two samples are the full and the empty coalition; the rest are drawn.
        var ours = IsLime(method)
            ? Enumerable.Range(0, CaptumSamples(reference)).Select(_ => sampler.BernoulliMask(n, 0.5))
            : new[] { Enumerable.Repeat(true, n).ToArray(), new bool[n] }.Concat(Enumerable.Range(0, CaptumSamples(reference) - 2).Select(_ => sampler.ShapleyKernelCoalition(n)));
        Assert.That(ours.ToArray(), Is.EqualTo(CaptumMasks(reference)));
    }

    /// <summary>Lime's weights: the exponential kernel of the cosine distance (width 1). (KernelShap weighs the two ends
    /// 1e6 and the rest 1, which kernel_shap's exact constraint replaces: Seq_attr_is_reproduced checks the result.)</summary>
    [TestCaseSource(nameof(LimeResults))]
    public void Each_lime_sample_gets_captums_weight(JsonElement c, string precision, string method, JsonElement reference)
    {
        var masks = CaptumMasks(reference);
        var expected = reference.GetProperty("samples").GetProperty("weights").Doubles();
        Assert.That(masks.Select(m => (double)Lime.SimilarityWeight(m, 1.0)).ToArray(), Is.EqualTo(expected).Within(1e-7), "float32 weights");
    }

    [TestCaseSource(nameof(LimeResults))]
    public void Scikit_learns_float32_lasso_on_captums_samples_gives_its_coefficients(JsonElement c, string precision, string method, JsonElement reference)
    {
        var samples = reference.GetProperty("samples");
        var x = CaptumMasks(reference).Select(m => m.Select(k => k ? 1f : 0f).ToArray()).ToArray();
        var fit = ScikitLearnLasso.Solve(x, samples.GetProperty("outputs").Doubles().Select(v => (float)v).ToArray(), 0.01,
            sampleWeights: samples.GetProperty("weights").Doubles().Select(v => (float)v).ToArray());
        var expected = reference.GetProperty("seq_attr").Doubles();
        ReferenceFixture.AssertClose(fit.Coefficients.Select(v => (double)v).ToArray(), expected, 1e-6, $"{method} {precision} coefficients");
        Assert.That(fit.Intercept, Is.EqualTo(reference.GetProperty("intercept").GetDouble()).Within(1e-6 * Math.Max(1, Math.Abs(fit.Intercept))));
    }

    [TestCaseSource(nameof(Results))]
    public void Seq_attr_is_reproduced(JsonElement c, string precision, string method, JsonElement reference)
    {
        var model = Models.For(c, precision);
        var request = new AttributionRequest(model, c.GetProperty("input_ids").Longs(), new AttributionTarget.Token(c.GetProperty("target_id").GetInt64()))
        {
            Seed = Seed(reference),
        };
        // LLMAttribution's defaults: the target's log-probability, absent tokens replaced by id 0 (baselines=0).
        IAttributor attributor = IsLime(method)
            ? new Lime(new LimeOptions { Samples = CaptumSamples(reference), Surrogate = LimeSurrogate.Lasso })
            : new KernelShap(new KernelShapOptions { Samples = CaptumSamples(reference) - 2 });
        var scores = attributor.Attribute(request).Scores.Select(v => (double)v).ToArray();
        ReferenceFixture.AssertClose(scores, reference.GetProperty("seq_attr").Doubles(), 1e-5, $"{method} {precision}");
    }
}
