using Harness.Evaluation.ContextAttribution;
using Harness.Evaluation.Core;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Evaluation.Tests;

/// <summary>Top-k drop and LDS (spec/metrics.md section 5): closed forms on a bag-of-tokens model whose
/// logit-probability is linear in the keep-mask, agreement with direct recomputation through the
/// TargetScorer on GPT-2, Spearman with ties, and LDS masks shared by all attributors of an example.</summary>
[TestFixture]
[Fast]
public sealed class ContextAttributionTests
{
    // Token 0 is the target, 1..6 the context (weights whose subset sums all differ), 7 BOS (weight 0).
    private static readonly double[] Weights = [0.0, 0.125, -0.25, 0.5, 1.0, -2.0, 4.0, 0.0];
    private static readonly long[] Context = [1, 2, 3, 4, 5, 6];
    private static readonly float[] TrueWeights = Context.Select(id => (float)Weights[id]).ToArray();
    private const long BosId = 7;

    private static MetricInput Input(ILanguageModel model, float[]? scores = null, ExampleMemo? memo = null, ulong seed = 3) =>
        new(model, Context, new AttributionTarget.Token(0), scores ?? TrueWeights) { BosId = BosId, Memo = memo, Seed = seed };

    [Test]
    public void Spearman_gives_ties_their_average_rank_as_scipy()
    {
        Assert.That(RankCorrelation.AverageRanks([10, 20, 20, 30]), Is.EqualTo(new[] { 1, 2.5, 2.5, 4 }));
        // scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]) and ([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).
        Assert.That(RankCorrelation.Spearman([1, 2, 2, 3], [1, 3, 2, 4]), Is.EqualTo(0.9486832980505138).Within(1e-12));
        Assert.That(RankCorrelation.Spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]), Is.EqualTo(0.8207826816681233).Within(1e-12));
        Assert.That(RankCorrelation.Spearman([1, 2, 3], [30, 20, 10]), Is.EqualTo(-1).Within(1e-12));
        Assert.That(double.IsNaN(RankCorrelation.Spearman([1, 2, 3], [5, 5, 5])), "a constant series has no ranking");
    }

    [Test]
    public void Top_k_drop_of_the_linear_model_is_the_sum_of_the_top_k_weights()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        var result = new TopKDrop().Evaluate(Input(model));

        // Top by score: 4 (id 6), 1 (id 4), 0.5 (id 3), 0.125 (id 1), -0.25 (id 2).
        Assert.Multiple(() =>
        {
            Assert.That(result.Parts[PartKey.Parse("k=1")], Is.EqualTo(4.0).Within(1e-5));
            Assert.That(result.Parts[PartKey.Parse("k=3")], Is.EqualTo(5.5).Within(1e-5));
            Assert.That(result.Parts[PartKey.Parse("k=5")], Is.EqualTo(5.375).Within(1e-5));
            Assert.That(result.Value, Is.EqualTo((4.0 + 5.5 + 5.375) / 3).Within(1e-5), "the value is the mean over the ks");
            Assert.That(result.Parts[PartKey.Parse("f_full")], Is.EqualTo(3.375 - Math.Log(7)).Within(1e-5), "logit-probability s - log(V - 1)");
            Assert.That(result.Cost.ForwardPasses, Is.EqualTo(1 + 3), "the intact context and one pass per k");
        });
    }

    [Test]
    public void Top_k_drop_equals_direct_recomputation_with_the_target_scorer()
    {
        using var model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", "gpt2"));
        long[] context = [5, 17, 42, 88, 23, 61, 9, 74, 33, 50, 12];
        float[] scores = [0.3f, -0.2f, 0.9f, 0.1f, 0.5f, 0.05f, -0.4f, 0.8f, 0.2f, 0.0f];
        AttributionTarget target = new AttributionTarget.Span([42, 7]);
        foreach (var (ablation, output) in new[] { (Ablation.Remove, ResponseOutput.LogitProb), (Ablation.Attention, ResponseOutput.LogProb) })
        {
            var input = new MetricInput(model, context, target, scores) { Region = 1.. };
            var result = new TopKDrop(new TopKDropOptions { Ablation = ablation, Output = output }).Evaluate(input);

            // By hand: region positions 2, 7, 4 (k=3) and 0, 8 (k=5) are context positions 3, 8, 5, 1, 9.
            using var run = new ScoringRun(new ScoringRequest(model, context, target) { Objective = Objective.LogProb });
            double F(int[] ablated)
            {
                var logP = ablation == Ablation.Remove
                    ? run.Scorer.Score([context.Where((_, i) => !ablated.Contains(i)).ToArray()])[0]
                    : run.Scorer.Score([context], [context.Select((_, i) => !ablated.Contains(i)).ToArray()])[0];
                return output.Apply(logP);
            }

            var full = F([]);
            Assert.That(result.Parts[PartKey.Parse("k=1")], Is.EqualTo(full - F([3])).Within(1e-4), $"{ablation}");
            Assert.That(result.Parts[PartKey.Parse("k=3")], Is.EqualTo(full - F([3, 8, 5])).Within(1e-4), $"{ablation}");
            Assert.That(result.Parts[PartKey.Parse("k=5")], Is.EqualTo(full - F([3, 8, 5, 1, 9])).Within(1e-4), $"{ablation}");
        }
    }

    [Test]
    public void K_is_capped_at_the_number_of_sources()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        var input = Input(model, [0.9f, 0.1f, 0.5f]) with { Region = 3.. };
        var result = new TopKDrop().Evaluate(input);

        // Region = ids 4, 5, 6; k = 3 and k = 5 both ablate all three (weight sum 3), leaving ids 1..3.
        Assert.That(result.Parts[PartKey.Parse("k=1")], Is.EqualTo(1.0).Within(1e-5));
        Assert.That(result.Parts[PartKey.Parse("k=5")], Is.EqualTo(result.Parts[PartKey.Parse("k=3")]));
        Assert.That(result.Parts[PartKey.Parse("k=3")], Is.EqualTo(3.0).Within(1e-5));
        Assert.That(result.Cost.ForwardPasses, Is.EqualTo(1 + 1 + 2), "the prefix once, the intact context, two distinct capped ks");
    }

    [Test]
    public void Lds_of_the_true_weights_of_a_linear_model_is_one()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        var logit = new Lds().Evaluate(Input(model));
        var logProb = new Lds(new LdsOptions { Output = ResponseOutput.LogProb }).Evaluate(Input(model));
        var reversed = new Lds().Evaluate(Input(model, TrueWeights.Select(w => -w).ToArray()));
        var attention = new Lds(new LdsOptions { Ablation = Ablation.Attention }).Evaluate(Input(model));

        Assert.Multiple(() =>
        {
            Assert.That(logit.Value, Is.EqualTo(1).Within(1e-12));
            Assert.That(logProb.Value, Is.EqualTo(1).Within(1e-12), "log P is monotone in the weight sum: same ranks");
            Assert.That(reversed.Value, Is.EqualTo(-1).Within(1e-12));
            Assert.That(attention.Value, Is.EqualTo(1).Within(1e-12));
            Assert.That(logit.Flags, Is.Empty);
            Assert.That(logit.Cost.ForwardPasses, Is.EqualTo(64));
        });
    }

    [Test]
    public void Lds_of_wrong_scores_is_below_one()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        // Right signs, wrong magnitudes: the ranking of the 64 predictions differs from the outputs'.
        var result = new Lds().Evaluate(Input(model, [1, -1, 1, 1, -1, 1]));
        Assert.That(result.Value, Is.LessThan(0.99).And.GreaterThan(0));
    }

    [Test]
    public void Lds_masks_and_outputs_are_shared_by_every_attributor_of_an_example()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        var memo = new ExampleMemo();
        var lds = new Lds();
        var first = lds.Evaluate(Input(model, memo: memo));
        var second = lds.Evaluate(Input(model, [1, -1, 1, 1, -1, 1], memo));
        var third = lds.Evaluate(Input(model, [0.3f, 0.2f, 0.1f, 0.6f, 0.5f, 0.4f], memo));
        var otherSeed = lds.Evaluate(Input(model, memo: memo, seed: 4));
        var otherN = new Lds(new LdsOptions { Masks = 16 }).Evaluate(Input(model, memo: memo));
        var unshared = lds.Evaluate(Input(model, [1, -1, 1, 1, -1, 1]));

        Assert.Multiple(() =>
        {
            Assert.That(first.Cost.ForwardPasses, Is.EqualTo(64));
            Assert.That(second.Cost.ForwardPasses, Is.Zero, "the masks and f(v_i) come from the memo");
            Assert.That(third.Cost.ForwardPasses, Is.Zero);
            Assert.That(otherSeed.Cost.ForwardPasses, Is.EqualTo(64), "another seed draws other masks");
            Assert.That(otherN.Cost.ForwardPasses, Is.EqualTo(16));
            Assert.That(memo.Count, Is.EqualTo(3));
            Assert.That(unshared.Value, Is.EqualTo(second.Value), "the memo changes the cost, never the value");
            Assert.That(unshared.Cost.ForwardPasses, Is.EqualTo(64));
        });
    }

    [Test]
    public void Exchanging_two_neighbouring_ranks_moves_spearman_by_at_most_12_over_n_n_plus_1()
    {
        // The bound is reached when the neighbours lie at opposite ends of the other series.
        var before = RankCorrelation.Spearman([1, 2, 3, 4], [4, 1, 2, 3]);
        var after = RankCorrelation.Spearman([2, 1, 3, 4], [4, 1, 2, 3]);
        Assert.That(after - before, Is.EqualTo(RankCorrelation.MaxChangePerSwap(4)).Within(1e-12));
    }

    [Test]
    public void Float_noise_moves_spearman_by_at_most_the_near_tied_pairs_times_the_swap_bound()
    {
        // Series with exact and near ties, every value then moved by up to 1e-6 relative (CPU vs GPU kernels).
        var random = new Random(11);
        double Noisy(double v) => v * (1 + 1e-6 * (2 * random.NextDouble() - 1));
        for (var trial = 0; trial < 2000; trial++)
        {
            var n = new[] { 4, 8, 16 }[trial % 3];
            var x = Enumerable.Range(0, n).Select(_ => random.Next(2) == 0 ? random.Next(4) + 1.0 : random.NextDouble()).ToArray();
            var y = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble(), 1) + 0.1).ToArray();
            var (x2, y2) = (x.Select(Noisy).ToArray(), y.Select(Noisy).ToArray());
            var (rho, rho2) = (RankCorrelation.Spearman(x, y), RankCorrelation.Spearman(x2, y2));
            if (double.IsNaN(rho) || double.IsNaN(rho2)) continue;
            var pairs = Math.Max(NearTies.Pairs(x) + NearTies.Pairs(y), NearTies.Pairs(x2) + NearTies.Pairs(y2));
            Assert.That(Math.Abs(rho2 - rho), Is.LessThanOrEqualTo(pairs * RankCorrelation.MaxChangePerSwap(n) + 1e-12), $"trial {trial}");
        }
    }

    [Test]
    public void Lds_counts_the_near_tied_pairs_of_distinct_masks()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        // The true weights' subset sums all differ by 0.125 or more: no ties. Scores of +-1 predict
        // one of a few sums, so distinct masks tie.
        var apart = new Lds().Evaluate(Input(model));
        var tied = new Lds().Evaluate(Input(model, [1, -1, 1, 1, -1, 1]));

        Assert.Multiple(() =>
        {
            Assert.That(apart.Parts[Lds.NearTiesPart], Is.Zero);
            Assert.That(tied.Parts[Lds.NearTiesPart], Is.GreaterThan(0).And.LessThan(64 * 63 / 2));
            Assert.That(tied.Parts[Lds.MasksPart], Is.EqualTo(64));
        });
    }

    [Test]
    public void Near_ties_are_pairs_within_a_relative_tolerance_of_the_largest_magnitude_exact_ties_included()
    {
        Assert.Multiple(() =>
        {
            Assert.That(NearTies.Pairs([10, 10, 10.0005, 5]), Is.EqualTo(3), "1e-4 x 10.0005 covers a gap of 0.0005");
            Assert.That(NearTies.Pairs([10, 10.01, 5]), Is.Zero);
            Assert.That(NearTies.Pairs([1, 1, 1], (i, j) => j != 1), Is.EqualTo(2), "only the pairs the predicate counts");
        });
    }

    [Test]
    public void Constant_predictions_or_outputs_give_a_flagged_nan()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        using var flat = BagOfTokensModel.Linear(new double[Weights.Length]);
        var zeros = new Lds().Evaluate(Input(model, new float[6]));
        var constantOutputs = new Lds().Evaluate(Input(flat));

        Assert.That(double.IsNaN(zeros.Value));
        Assert.That(zeros.Flags, Does.Contain(Lds.ConstantPredictions).And.Contain(ScoreChecks.AllEqualScores));
        Assert.That(double.IsNaN(constantOutputs.Value));
        Assert.That(constantOutputs.Flags, Does.Contain(Lds.ConstantOutputs).And.Not.Contain(Lds.ConstantPredictions));
    }

    [Test]
    public void Top_k_drop_shares_the_intact_context_with_eraser_through_the_memo()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        var memo = new ExampleMemo();
        new Eraser.Aopc(Eraser.EraserMeasure.Comprehensiveness).Evaluate(Input(model, memo: memo));
        var drop = new TopKDrop().Evaluate(Input(model, memo: memo));
        Assert.That(drop.Cost.ForwardPasses, Is.EqualTo(3));
    }

    [Test]
    public void Out_of_range_options_fail_naming_the_option_and_the_valid_range()
    {
        Assert.That(() => MetricRegistry.Create(Lds.MetricName, new Dictionary<string, string> { ["masks"] = "1" }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("masks=1").And.Message.Contains(">= 2"));
        Assert.That(() => MetricRegistry.Create(Lds.MetricName, new Dictionary<string, string> { ["keep_probability"] = "1" }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("keep_probability=1").And.Message.Contains("(0, 1)"));
        Assert.That(() => MetricRegistry.Create(TopKDrop.MetricName, new Dictionary<string, string> { ["ks"] = "1,0" }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("ks=0"));
        Assert.That(() => MetricRegistry.Create(TopKDrop.MetricName, new Dictionary<string, string> { ["output"] = "prob" }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("logit_prob"));
        var bound = MetricRegistry.Create(TopKDrop.MetricName, new Dictionary<string, string> { ["ks"] = "2", ["output"] = "log_prob" });
        using var model = BagOfTokensModel.Linear(Weights);
        Assert.That(bound.Evaluate(Input(model)).Parts.Keys.Select(k => k.Format()), Is.EquivalentTo(new[] { "k=2", "f_full" }));
    }
}
