using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Tests;

/// <summary>Perturbation methods attribute several requests together (issue 27, item 4): the contexts of all of them
/// fill batch_size-sequence passes across request boundaries, and each result equals the request attributed alone,
/// in float64 on the CPU, whatever its context length, region or target.</summary>
[TestFixture]
[Fast]
public sealed class PackedAttributionTests
{
    private ILanguageModel model = null!;

    [OneTimeSetUp]
    public void LoadModel() => model = ModelLoader.Load(Gpt2Fixture.Directory, ScalarType.Float64);

    [OneTimeTearDown]
    public void Release() => model.Dispose();

    private static IEnumerable<TestCaseData> Methods()
    {
        yield return new TestCaseData(new Occlusion(new OcclusionOptions { ReplacementTokenId = 0 })).SetArgDisplayNames("occlusion");
        yield return new TestCaseData(new Occlusion(new OcclusionOptions { Ablation = Ablation.Pad, ReplacementTokenId = 3 })).SetArgDisplayNames("occlusion_pad");
        yield return new TestCaseData(new Lime(new LimeOptions { Samples = 12, ReplacementTokenId = 0 })).SetArgDisplayNames("lime");
        yield return new TestCaseData(new KernelShap(new KernelShapOptions { Samples = 12, ReplacementTokenId = 0 })).SetArgDisplayNames("kernel_shap");
        yield return new TestCaseData(new ShapleySampling(new ShapleySamplingOptions { Permutations = 2, ReplacementTokenId = 0 })).SetArgDisplayNames("shapley_sampling");
        yield return new TestCaseData(new ContextCite(new ContextCiteOptions { Ablations = 12, ReplacementTokenId = 0 })).SetArgDisplayNames("context_cite");
    }

    private AttributionRequest[] Requests(ILanguageModel m) =>
    [
        new(m, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { Region = 2.., Seed = 5, BatchSize = 16 },
        new(m, Gpt2Fixture.Context[..6], new AttributionTarget.Span([42, 7])) { Seed = 6, BatchSize = 16 },
        new(m, [.. Gpt2Fixture.Context, 42, 9], new AttributionTarget.Token(7)) { Region = 1..10, Seed = 7, BatchSize = 16 },
    ];

    [TestCaseSource(nameof(Methods))]
    public void Packed_requests_get_the_scores_each_gets_alone_in_float64(IPackedAttributor method)
    {
        var requests = Requests(model);

        var packed = method.AttributeMany(requests);

        Assert.Multiple(() =>
        {
            for (var i = 0; i < requests.Length; i++)
            {
                var alone = method.Attribute(requests[i]);
                var scale = alone.Scores.Max(Math.Abs);
                Assert.That(packed[i].Scores, Is.EqualTo(alone.Scores).Within(1e-6 * scale), $"request {i}");
                foreach (var (name, value) in alone.Diagnostics)
                    Assert.That(packed[i].Diagnostics[name], Is.EqualTo(value).Within(1e-10 * Math.Max(1, Math.Abs(value))), $"request {i}: {name}");
            }
        });
    }

    [Test]
    public void Packed_perturbations_fill_batch_size_passes_across_requests()
    {
        var batches = new List<int>();
        using var counting = new ForwardHookModel(model, input => batches.Add(ForwardHookModel.Rows(input)));
        var requests = Requests(counting);
        var occlusion = new Occlusion(new OcclusionOptions { ReplacementTokenId = 0 });

        occlusion.AttributeMany(requests);
        var packedPasses = batches.ToList();
        batches.Clear();
        foreach (var request in requests) occlusion.Attribute(request with { ReusePrefixCache = false });

        // 10 + 7 + 10 sequences (the full context and one per region token): 16 + 11 packed, one pass per request alone.
        Assert.That(packedPasses, Is.EqualTo(new[] { 16, 11 }));
        Assert.That(batches, Is.EqualTo(new[] { 10, 7, 10 }));
    }
}
