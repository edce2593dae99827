using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Tests;

/// <summary>occlusion against its definition, Q_y - P_y(token i ablated), recomputed one input at a
/// time with plain forward passes, for every ablation kind; and its cost, L + 1 sequences.</summary>
[TestFixture]
[Fast]
public sealed class OcclusionTests
{
    private const long Target = 42;
    private const long Replacement = 3;
    private ILanguageModel model = null!;

    [OneTimeSetUp]
    public void LoadModel() => model = Gpt2Fixture.Load();

    [OneTimeTearDown]
    public void Release() => model.Dispose();

    /// <summary>p(42 | input) from one unbatched forward pass.</summary>
    private double ProbabilityByHand(ModelInput input)
    {
        var logits = model.Forward(input).Logits.select(0, 0).select(0, -1);
        return logits.softmax(-1)[Target].ToDouble();
    }

    private double AblatedByHand(long[] context, int i, Ablation ablation)
    {
        using var scope = torch.NewDisposeScope();
        var l = context.Length;
        switch (ablation)
        {
            case Ablation.Remove:
                var kept = context.Where((_, j) => j != i).ToArray();
                return ProbabilityByHand(ModelInput.FromIds(torch.tensor(kept, [1, l - 1])));
            case Ablation.Zero:
                var embeddings = model.Embed(torch.tensor(context, [1, l]));
                embeddings.narrow(1, i, 1).zero_();
                return ProbabilityByHand(ModelInput.FromEmbeddings(embeddings));
            case Ablation.Pad or Ablation.Mask or Ablation.Baseline:
                var replaced = context.Select((id, j) => j == i ? Replacement : id).ToArray();
                return ProbabilityByHand(ModelInput.FromIds(torch.tensor(replaced, [1, l])));
            default:
                var mask = Enumerable.Range(0, l).Select(j => j == i ? 0L : 1L).ToArray();
                return ProbabilityByHand(ModelInput.FromIds(torch.tensor(context, [1, l]), torch.tensor(mask, [1, l])));
        }
    }

    [TestCase(Ablation.Remove)]
    [TestCase(Ablation.Zero)]
    [TestCase(Ablation.Pad)]
    [TestCase(Ablation.Mask)]
    [TestCase(Ablation.Attention)]
    [TestCase(Ablation.Baseline)]
    public void Scores_are_the_drop_of_the_objective_with_each_token_ablated(Ablation ablation)
    {
        var context = Gpt2Fixture.Context;
        var request = new AttributionRequest(model, context, new AttributionTarget.Token(Target)) { BatchSize = 4 };
        var result = new Occlusion(new OcclusionOptions { Objective = Objective.Prob, Ablation = ablation, ReplacementTokenId = Replacement }).Attribute(request);

        double full;
        using (torch.NewDisposeScope()) full = ProbabilityByHand(ModelInput.FromIds(torch.tensor(context, [1, context.Length])));
        var expected = Enumerable.Range(0, context.Length).Select(i => full - AblatedByHand(context, i, ablation)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(result.Scores, Is.EqualTo(expected).Within(1e-6));
            Assert.That(result.Scores.Select(Math.Abs).Max(), Is.GreaterThan(1e-4), "the ablation changes something");
            Assert.That(result.Cost.ForwardPasses, Is.EqualTo(context.Length + 1), "L ablated contexts plus the whole one");
        });
    }

    [Test]
    public void A_region_is_ablated_inside_the_fixed_rest_of_the_context()
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(Target)) { Region = 3..7 };
        var whole = new Occlusion().Attribute(request with { Region = null });
        var region = new Occlusion().Attribute(request);
        // Differences of log-probabilities near -5, each rounded to float32 (about 5e-7).
        Assert.That(region.Scores, Is.EqualTo(whole.Scores[3..7]).Within(2e-6));
        Assert.That(region.Cost.ForwardPasses, Is.EqualTo(1 + 5), "the prefix before the region once, then 4 ablations and the whole");
    }

    [Test]
    public void Replacing_ablations_demand_a_replacement_token()
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(Target));
        Assert.That(() => new Occlusion(new OcclusionOptions { Ablation = Ablation.Mask }).Attribute(request),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("replacement token id"));
    }
}
