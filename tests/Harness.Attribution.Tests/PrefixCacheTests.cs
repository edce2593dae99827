using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>The shared-prefix KV cache (attributors issue item 4): perturbations that keep the tokens
/// before the region run that prefix once; scores equal the uncached run's on every architecture,
/// ablation and target kind, and fewer tokens go through the model.</summary>
[TestFixture]
[Fast]
public sealed class PrefixCacheTests
{
    private static readonly string[] Architectures = ["gpt2", "opt", "gptj", "llama", "mistral", "qwen2", "phi3"];

    private static IEnumerable<TestCaseData> Cases() =>
        from architecture in Architectures
        from ablation in new[] { Ablation.Remove, Ablation.Zero, Ablation.Pad, Ablation.Attention }
        select new TestCaseData(architecture, ablation);

    [TestCaseSource(nameof(Cases))]
    public void Occlusion_after_a_cached_prefix_equals_the_uncached_run(string architecture, Ablation ablation)
    {
        using var model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", architecture));
        var occlusion = new Occlusion(new OcclusionOptions { Ablation = ablation, ReplacementTokenId = 3 });
        foreach (AttributionTarget target in new AttributionTarget[] { new AttributionTarget.Token(42), new AttributionTarget.Span([42, 7, 19]) })
        {
            var request = new AttributionRequest(model, Gpt2Fixture.Context, target) { Region = 4..9, BatchSize = 3, Objective = Objective.LogProb };

            var cached = occlusion.Attribute(request);
            var whole = occlusion.Attribute(request with { ReusePrefixCache = false });

            Assert.That(cached.Scores, Is.EqualTo(whole.Scores).Within(2e-5), $"{target}");
            Assert.That(cached.Diagnostics["objective_input"], Is.EqualTo(whole.Diagnostics["objective_input"]).Within(1e-5));
            Assert.That(cached.Cost.ForwardPasses, Is.EqualTo(whole.Cost.ForwardPasses + 1), "the prefix runs once more, alone");
            Assert.That(cached.Cost.TokensProcessed, Is.LessThan(whole.Cost.TokensProcessed), "the prefix is not run again per perturbation");
        }
    }

    [Test]
    public void Removing_the_whole_tail_region_before_a_one_token_target_falls_back_to_the_whole_sequence()
    {
        using var model = Gpt2Fixture.Load();
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { Region = 9.., Objective = Objective.LogProb };
        var ablator = new Func<AttributionRequest, double[]>(r =>
        {
            using var run = new AttributionRun(r);
            return new ContextAblator(run, Ablation.Remove).Score([[false, false], [true, false], [true, true]]);
        });

        Assert.That(ablator(request), Is.EqualTo(ablator(request with { ReusePrefixCache = false })).Within(1e-5));
    }

    [Test]
    public void Removing_the_whole_tail_region_before_a_span_target_falls_back_to_the_whole_sequence()
    {
        // The span's first token is predicted by the prefix's last position, which the cache holds no logits for.
        using var model = Gpt2Fixture.Load();
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Span([42, 7])) { Region = 9.., Objective = Objective.LogProb };
        var ablator = new Func<AttributionRequest, double[]>(r =>
        {
            using var run = new AttributionRun(r);
            return new ContextAblator(run, Ablation.Remove).Score([[false, false], [true, false], [true, true]]);
        });

        Assert.That(ablator(request), Is.EqualTo(ablator(request with { ReusePrefixCache = false })).Within(1e-5));
    }
}
