using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Tests;

/// <summary>The shared machinery: the target scorer's objectives and batching, quadrature rules,
/// the random baseline, request validation and the registry.</summary>
[TestFixture]
[Fast]
public sealed class CoreTests
{
    private ILanguageModel model = null!;

    [OneTimeSetUp]
    public void LoadModel() => model = Gpt2Fixture.Load();

    [OneTimeTearDown]
    public void Release() => model.Dispose();

    private double LogProbabilityByHand(long[] context, long[] target)
    {
        using var scope = torch.NewDisposeScope();
        var sequence = context.Concat(target).ToArray();
        var logits = model.Forward(ModelInput.FromIds(torch.tensor(sequence, [1, sequence.Length]))).Logits.select(0, 0).log_softmax(-1);
        return target.Select((y, j) => logits[context.Length - 1 + j, y].ToDouble()).Sum();
    }

    [Test]
    public void A_span_is_scored_by_the_sum_of_its_log_probabilities()
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Span([42, 7, 19]));
        var scorer = new TargetScorer(request, CostMeter.Start());
        Assert.That(scorer.Score([Gpt2Fixture.Context])[0], Is.EqualTo(LogProbabilityByHand(Gpt2Fixture.Context, [42, 7, 19])).Within(1e-5));
    }

    [TestCase(Objective.Prob)]
    [TestCase(Objective.LogProb)]
    [TestCase(Objective.Logit)]
    public void A_token_is_scored_by_the_chosen_objective(Objective objective)
    {
        using var scope = torch.NewDisposeScope();
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { Objective = objective };
        var logits = model.Forward(ModelInput.FromIds(torch.tensor(Gpt2Fixture.Context, [1, 11]))).Logits.select(0, 0).select(0, -1);
        var expected = objective switch
        {
            Objective.Logit => logits[42].ToDouble(),
            Objective.LogProb => logits.log_softmax(-1)[42].ToDouble(),
            _ => logits.softmax(-1)[42].ToDouble(),
        };
        Assert.That(new TargetScorer(request, CostMeter.Start()).Score([Gpt2Fixture.Context])[0], Is.EqualTo(expected).Within(1e-6));
    }

    [Test]
    public void Contexts_of_different_lengths_in_one_batch_score_as_they_do_alone()
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Span([42, 7])) { BatchSize = 4 };
        var contexts = new[] { Gpt2Fixture.Context, Gpt2Fixture.Context[3..], Gpt2Fixture.Context[..5], Gpt2Fixture.Context[1..9], Gpt2Fixture.Context[6..] };
        var meter = CostMeter.Start();
        var batched = new TargetScorer(request, meter).Score(contexts);
        Assert.That(batched, Is.EqualTo(contexts.Select(c => LogProbabilityByHand(c, [42, 7]))).Within(1e-5));
        Assert.That(meter.ForwardPasses, Is.EqualTo(5), "one per context, in two batched calls");
    }

    [TestCase(0)]
    [TestCase(3)]
    public void Target_ranks_count_the_tokens_predicted_above_each_target_token_and_keep_the_worst(int regionStart)
    {
        long[] target = [42, 7];
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Span(target)) { Region = regionStart.. };
        long[][] contexts = [Gpt2Fixture.Context, [.. Gpt2Fixture.Context[..3], 60, 61, 62, 63], [.. Gpt2Fixture.Context[..3], 8]];
        int RankByHand(long[] context)
        {
            using var scope = torch.NewDisposeScope();
            var sequence = context.Concat(target).ToArray();
            var logits = model.Forward(ModelInput.FromIds(torch.tensor(sequence, [1, sequence.Length]))).Logits.select(0, 0).ToArray<float>();
            var v = (int)model.VocabSize;
            return target.Select((y, j) =>
            {
                var row = logits.AsSpan((context.Length - 1 + j) * v, v).ToArray();
                return row.Count(l => l > row[y]);
            }).Max();
        }

        var ranks = new TargetScorer(request, CostMeter.Start()).TargetRanks(contexts);

        Assert.That(ranks, Is.EqualTo(contexts.Select(RankByHand)));
    }

    [TestCase(IntegrationRule.RiemannLeft)]
    [TestCase(IntegrationRule.RiemannRight)]
    [TestCase(IntegrationRule.RiemannMiddle)]
    [TestCase(IntegrationRule.RiemannTrapezoid)]
    [TestCase(IntegrationRule.GaussLegendre)]
    public void Quadrature_weights_sum_to_one_but_captums_trapezoid_and_integrate_x_squared(IntegrationRule rule)
    {
        var (alphas, weights) = Quadrature.Of(rule, 200);
        // Captum's trapezoid keeps step 1/n with both ends halved: (n - 1)/n (approximation_methods.py:66-72).
        Assert.That(weights.Sum(), Is.EqualTo(rule == IntegrationRule.RiemannTrapezoid ? 199.0 / 200 : 1).Within(1e-12));
        Assert.That(alphas.Zip(weights).Sum(p => p.First * p.First * p.Second), Is.EqualTo(1.0 / 3).Within(0.01));
    }

    [Test]
    public void Gauss_legendre_with_three_points_integrates_a_fifth_degree_polynomial_exactly()
    {
        var (alphas, weights) = Quadrature.Of(IntegrationRule.GaussLegendre, 3);
        Assert.That(alphas.Zip(weights).Sum(p => Math.Pow(p.First, 5) * p.Second), Is.EqualTo(1.0 / 6).Within(1e-14));
        Assert.That(alphas, Is.Ordered.Ascending);
    }

    [Test]
    public void Random_scores_are_a_distribution_reproducible_from_the_seed()
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { Seed = 7 };
        var first = new RandomBaseline().Attribute(request);
        Assert.Multiple(() =>
        {
            Assert.That(first.Scores.Sum(), Is.EqualTo(1).Within(1e-5));
            Assert.That(new RandomBaseline().Attribute(request).Scores, Is.EqualTo(first.Scores));
            Assert.That(new RandomBaseline().Attribute(request with { Seed = 8 }).Scores, Is.Not.EqualTo(first.Scores));
            Assert.That(first.Cost.ForwardPasses, Is.EqualTo(0));
        });
    }

    [Test]
    public void Bad_requests_fail_saying_what_is_wrong()
    {
        var saliency = new Saliency();
        Assert.Multiple(() =>
        {
            Assert.That(() => saliency.Attribute(new AttributionRequest(model, [], new AttributionTarget.Token(1))),
                Throws.InstanceOf<ScoringException>().With.Message.Contains("context is empty"));
            Assert.That(() => saliency.Attribute(new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(97))),
                Throws.InstanceOf<ScoringException>().With.Message.Contains("outside the model's vocabulary [0, 97)"));
            Assert.That(() => saliency.Attribute(new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(1)) { Region = 4..4 }),
                Throws.InstanceOf<ScoringException>().With.Message.Contains("region"));
            Assert.That(() => saliency.Attribute(new AttributionRequest(model, [5, 17], new AttributionTarget.Token(1)) { ContextText = new ContextText("w5", [0..2]) }),
                Throws.InstanceOf<ScoringException>().With.Message.Contains("1 token spans for 2 context tokens"));
            Assert.That(() => saliency.Attribute(new AttributionRequest(model, [5, 17], new AttributionTarget.Token(1)) { ContextText = new ContextText("w5 w17", [0..2, 3..9]) }),
                Throws.InstanceOf<ScoringException>().With.Message.Contains("outside the context text of 6 characters"));
            Assert.That(() => AttributorRegistry.Create("salency"),
                Throws.InstanceOf<ScoringException>().With.Message.Contains("unknown attributor 'salency'").And.Message.Contains("saliency"));
        });
    }

    [Test]
    public void Every_attributor_with_its_default_options_scores_a_whole_context()
    {
        // The resources reagent's replacers need (pos, the default: the vocabulary's tags); the rest ignore them.
        using var roberta = MaskedLmFixture.LoadModel();
        var resources = At2Fixture.Uniform(model) with
        {
            MaskedLm = MaskedLmFixture.Resource(roberta),
            PosTags = new Lazy<PosTagMap>(() => PosTagMap.Build(MaskedLmFixture.ModelTokenizer(), "fixture")),
        };
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42))
        {
            Seed = 1,
            ContextText = MaskedLmFixture.TextOf(Gpt2Fixture.Context),
        };
        foreach (var name in AttributorRegistry.Names)
        {
            var scores = AttributorRegistry.Create(name, resources).Attribute(request).Scores;
            Assert.That(scores, Has.Length.EqualTo(Gpt2Fixture.Context.Length), name);
            Assert.That(scores.All(float.IsFinite), name);
        }
    }

    [Test]
    public void Every_registry_entry_creates_an_attributor_of_its_own_name()
    {
        Assert.That(AttributorRegistry.Names, Is.Unique);
        foreach (var name in AttributorRegistry.Names) Assert.That(AttributorRegistry.Create(name).Name, Is.EqualTo(name));
    }
}
