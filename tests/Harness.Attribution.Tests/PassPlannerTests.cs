using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Tests;

/// <summary>Gradient methods run their path points (samples) in as few forward and backward passes as memory allows
/// (issue 27, item 2): GPT-2-small at 64 tokens fits its 50 points in one pass, a pass that runs out of memory is
/// halved and retried, and the scores do not depend on the plan beyond summation order.</summary>
[TestFixture]
[Fast]
public sealed class PassPlannerTests
{
    private static readonly ModelDimensions Gpt2Small = new(Layers: 12, Hidden: 768, Heads: 12, Vocabulary: 50257);

    private ILanguageModel model = null!;

    [OneTimeSetUp]
    public void LoadModel() => model = Gpt2Fixture.Load();

    [OneTimeTearDown]
    public void Release() => model.Dispose();

    [Test]
    public void Gpt2_small_at_64_tokens_plans_its_50_path_points_in_one_pass()
    {
        const long gib = 1L << 30;
        // About 40 MB of activations per sequence: 2 GB for all 50.
        Assert.That(Gpt2Small.ActivationBytes(64, 1, 4), Is.InRange(30_000_000L, 50_000_000L));
        Assert.Multiple(() =>
        {
            Assert.That(PassPlanner.RowsPerPass(Gpt2Small, ScalarType.Float32, 64, 1, 50, (long)(70 * gib * PassPlanner.CudaShare)), Is.EqualTo(50), "an H100 with 70 GiB free");
            Assert.That(PassPlanner.RowsPerPass(Gpt2Small, ScalarType.Float32, 64, 1, 50, (long)(16 * gib * PassPlanner.HostShare)), Is.EqualTo(50), "a host with 16 GiB available");
            Assert.That(PassPlanner.RowsPerPass(Gpt2Small, ScalarType.Float32, 64, 1, 50, 1 * gib), Is.EqualTo(26), "1 GiB holds 26 sequences: two passes");
            Assert.That(PassPlanner.RowsPerPass(Gpt2Small, ScalarType.Float64, 64, 1, 50, 1 * gib), Is.EqualTo(13), "float64 takes twice the bytes");
            Assert.That(PassPlanner.RowsPerPass(Gpt2Small, ScalarType.Float32, 64, 1, 50, 1), Is.EqualTo(1), "never fewer than one");
        });
    }

    [Test]
    public void The_request_budget_sets_how_many_path_points_share_a_pass()
    {
        var dimensions = model.Dimensions!;
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { BatchSize = 1 };
        var perRow = dimensions.ActivationBytes(Gpt2Fixture.Context.Length, 1, 4);
        using var run = new AttributionRun(request with { MemoryBudgetBytes = 7 * perRow + perRow / 2 });
        Assert.That(PassPlanner.GradientRowsPerPass(run, 50), Is.EqualTo(7), "the budget, not the batch size of 1");
    }

    [Test]
    public void A_pass_that_runs_out_of_memory_is_halved_and_the_scores_stay_the_same()
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { MemoryBudgetBytes = long.MaxValue };
        var options = new IntegratedGradientsOptions { Steps = 10 };
        var planned = new IntegratedGradients(options).Attribute(request).Scores;

        // Fails as CUDA's allocator does when a pass with gradients holds more than 3 rows.
        var gradientPasses = new List<int>();
        using var failing = new ForwardHookModel(model, input =>
        {
            if (!torch.is_grad_enabled()) return;
            gradientPasses.Add(ForwardHookModel.Rows(input));
            if (gradientPasses[^1] > 3) throw new TorchException("linear", "CUDA out of memory. Tried to allocate 20.00 MiB");
        });
        var halved = new IntegratedGradients(options).Attribute(request with { Model = failing }).Scores;

        Assert.That(gradientPasses, Is.EqualTo(new[] { 10, 5, 2, 2, 2, 2, 2 }), "one pass planned, 10 -> 5 -> 2 on out-of-memory");
        Assert.That(halved, Is.EqualTo(planned).Within(1e-6));
    }
}
