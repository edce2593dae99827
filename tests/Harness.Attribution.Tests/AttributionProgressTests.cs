using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>Long attributions tell the request's listener how far their main loop has got (issue 24, item 4), counting
/// what they run, and the scores do not depend on whether anyone listens.</summary>
[TestFixture]
[Fast]
public sealed class AttributionProgressTests
{
    private static readonly double[] Weights = [0.0, 0.3, 1.5, -0.8, 0.35, 2.0, -1.2, 0.6, -0.1, 0.9];
    private static readonly long[] Context = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    [Test]
    public void ReAgent_reports_each_update_step_against_its_step_bound()
    {
        using var model = new LinearFakeModel(Weights);
        var options = new ReAgentOptions { Replacer = ReAgentReplacer.Uniform, MaxSteps = 7, Chains = 2, KeepTopN = 3 };
        var (reports, request) = Listened(new AttributionRequest(model, Context, new AttributionTarget.Token(LinearFakeModel.TargetId)) { Seed = 3 });

        var result = new ReAgent(options).Attribute(request);

        Assert.Multiple(() =>
        {
            Assert.That(reports.Select(r => r.Done), Is.EqualTo(Enumerable.Range(1, reports.Count)), "one report per step, in order");
            Assert.That(reports, Has.All.Matches<AttributionProgress>(r => r is { Total: 7, Unit: "steps", TotalIsBound: true }));
            Assert.That(reports, Has.Count.InRange(1, 7).And.Count.GreaterThanOrEqualTo(result.Diagnostics["steps_mean"]), "the longest chain's steps");
            Assert.That(result.Scores, Is.EqualTo(new ReAgent(options).Attribute(request with { Progress = null }).Scores), "listening changes nothing");
        });
    }

    [Test]
    public void Integrated_gradients_reports_its_path_points_batch_by_batch()
    {
        using var model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", "gpt2"));
        // A budget of four sequences of 4 tokens: four path points a pass.
        var budget = 4 * model.Dimensions!.ActivationBytes(4, 1, 4);
        var (reports, request) = Listened(new AttributionRequest(model, [5, 17, 42, 88], new AttributionTarget.Token(7)) { MemoryBudgetBytes = budget });

        new IntegratedGradients(new IntegratedGradientsOptions { Steps = 10 }).Attribute(request);

        Assert.That(reports, Is.EqualTo(new[] { new AttributionProgress(4, 10, "path points"), new(8, 10, "path points"), new(10, 10, "path points") }));
    }

    [Test]
    public void Perturbation_methods_report_the_sequences_they_have_scored()
    {
        using var model = new LinearFakeModel(Weights);
        var (reports, request) = Listened(new AttributionRequest(model, Context, new AttributionTarget.Token(LinearFakeModel.TargetId)) { BatchSize = 4 });

        new Occlusion().Attribute(request);

        // The full context and one sequence per ablated source (9), scored 4 at a time.
        Assert.That(reports.Select(r => (r.Done, r.Total, r.Unit)), Is.EqualTo(new[] { (4, 10, "perturbations"), (8, 10, "perturbations"), (10, 10, "perturbations") }));
    }

    /// <summary>The request with a listener that keeps every report.</summary>
    private static (List<AttributionProgress> Reports, AttributionRequest Request) Listened(AttributionRequest request)
    {
        var reports = new List<AttributionProgress>();
        return (reports, request with { Progress = new SynchronousProgress<AttributionProgress>(reports.Add) });
    }
}
