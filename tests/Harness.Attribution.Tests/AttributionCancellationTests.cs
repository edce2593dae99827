using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>A stop request reaches every loop of a long attribution (issue 25, item 5): a method whose token is
/// cancelled while it runs ends with <see cref="OperationCanceledException"/> before its next batch of forward passes
/// (or its next update step).</summary>
[TestFixture]
[Fast]
public sealed class AttributionCancellationTests
{
    private static readonly double[] Weights = [0.0, 0.3, 1.5, -0.8, 0.35, 2.0, -1.2, 0.6, -0.1, 0.9];
    private static readonly long[] Context = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    private static IEnumerable<TestCaseData> PerturbationMethods()
    {
        yield return new TestCaseData(new Occlusion()).SetArgDisplayNames("occlusion");
        yield return new TestCaseData(new ShapleySampling(new ShapleySamplingOptions { Permutations = 2 })).SetArgDisplayNames("shapley_sampling");
        yield return new TestCaseData(new KernelShap(new KernelShapOptions { Samples = 16 })).SetArgDisplayNames("kernel_shap");
        yield return new TestCaseData(new Lime(new LimeOptions { Samples = 16 })).SetArgDisplayNames("lime");
        yield return new TestCaseData(new ContextCite(new ContextCiteOptions { Ablations = 16, ReplacementTokenId = 0 })).SetArgDisplayNames("context_cite");
        yield return new TestCaseData(new ReAgent(new ReAgentOptions { Replacer = ReAgentReplacer.Uniform, MaxSteps = 7, Chains = 2, KeepTopN = 3 }))
            .SetArgDisplayNames("reagent");
    }

    [TestCaseSource(nameof(PerturbationMethods))]
    public void A_stop_heard_after_the_first_batch_ends_the_attribution_before_the_next(IAttributor method)
    {
        using var model = new LinearFakeModel(Weights);
        using var stop = new CancellationTokenSource();
        var batches = 0;
        var request = new AttributionRequest(model, Context, new AttributionTarget.Token(LinearFakeModel.TargetId))
        {
            BatchSize = 4,
            Seed = 1,
            Progress = new SynchronousProgress<AttributionProgress>(_ =>
            {
                batches++;
                stop.Cancel();
            }),
        };

        Assert.That(() => method.Attribute(request, stop.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(batches, Is.EqualTo(1), "the batch in flight finished, and no other ran");
    }

    [Test]
    public void Integrated_gradients_stops_after_the_pass_in_flight()
    {
        using var model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", "gpt2"));
        // A budget of four sequences of 4 tokens: four path points a pass, three passes for ten steps.
        var budget = 4 * model.Dimensions!.ActivationBytes(4, 1, 4);
        using var stop = new CancellationTokenSource();
        var reports = new List<AttributionProgress>();
        var request = new AttributionRequest(model, [5, 17, 42, 88], new AttributionTarget.Token(7))
        {
            MemoryBudgetBytes = budget,
            Progress = new SynchronousProgress<AttributionProgress>(p =>
            {
                reports.Add(p);
                stop.Cancel();
            }),
        };

        Assert.That(() => new IntegratedGradients(new IntegratedGradientsOptions { Steps = 10 }).Attribute(request, stop.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(reports, Is.EqualTo(new[] { new AttributionProgress(4, 10, "path points") }));
    }
}
