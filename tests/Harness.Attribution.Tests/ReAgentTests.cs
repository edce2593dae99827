using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Data.Segmentation;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Tests;

/// <summary>reagent (spec/attributors.md "ReAGent"): the update rule recomputed by hand from the same
/// draws on the linear model, the stopping test, exact pass counts, replacers and their errors.</summary>
[TestFixture]
[Fast]
public sealed class ReAgentTests
{
    // Token 0 is the target; the target's logit is the sum of the context's weights, every other logit 0.
    private static readonly double[] Weights = [0.0, 0.3, 1.5, -0.8, 0.35, 2.0, -1.2, 0.6, -0.1, 0.9];
    private static readonly long[] Context = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    // Region positions 0..7 are context positions 1..8; position 5 (context position 6) is in no source.
    private static readonly Sources Groups = new([[0, 1], [2], [3, 4], [6, 7]]);

    // The algorithm's tests keep Inseq's replacing ratio and rational size, under which they were worked out.
    private static ReAgentOptions Uniform(int steps, int chains) =>
        new() { Replacer = ReAgentReplacer.Uniform, MaxSteps = steps, Chains = chains, ReplaceRatio = 0.3, KeepTopN = 5 };

    [TestCase(2UL)]
    [TestCase(3UL)]
    public void Two_steps_on_the_linear_model_match_the_update_computed_by_hand_from_the_same_draws(ulong seed)
    {
        // Shifted so the context's logit is near 0: whether a stopping test puts the target first varies.
        var weights = Weights.Select(w => w - 0.4).ToArray();
        using var model = new LinearFakeModel(weights);
        var options = Uniform(steps: 2, chains: 3) with { ReplaceRatio = 0.5, KeepTopN = 2, StopTopK = 1 };
        var request = new AttributionRequest(model, Context, new AttributionTarget.Token(LinearFakeModel.TargetId)) { Region = 1..9, Sources = Groups, Seed = seed };

        var result = new ReAgent(options).Attribute(request);

        // By hand: p = e^s / (e^s + V - 1) with s the summed weights; the target is the argmax iff s >= 0.
        var v = weights.Length;
        double Logit(long[] c) => c.Sum(id => weights[id]);
        double P(long[] c) => Math.Exp(Logit(c)) / (Math.Exp(Logit(c)) + v - 1);
        long[] Replaced(CoalitionSampler sampler, bool[] sourceReplaced)
        {
            var positions = new SortedSet<int>();
            for (var g = 0; g < Groups.Count; g++)
                if (sourceReplaced[g]) foreach (var m in Groups.Groups[g]) positions.Add(1 + m);
            var draws = positions.Count == 0 ? [] : sampler.Uniform(positions.Count);
            var copy = (long[])Context.Clone();
            foreach (var (position, u) in positions.Zip(draws)) copy[position] = (long)Math.Floor(u * v);
            return copy;
        }

        double[] Softmax(double[] l) => l.Select(x => Math.Exp(x) / l.Sum(Math.Exp)).ToArray();
        var original = P(Context);
        var logits = new double[3][];
        var stopped = new bool[3];
        var steps = new int[3];
        // One chain at a time, each from its own generator: initial logits, then per step R, R's replacements, the test's.
        for (var chain = 0; chain < 3; chain++)
        {
            using var sampler = new CoalitionSampler(ReAgent.ChainSeed(seed, chain));
            logits[chain] = sampler.Uniform(Groups.Count);
            for (var step = 0; step < 2 && !stopped[chain]; step++)
            {
                var set = sampler.Uniform(Groups.Count).Select(u => u < 0.5).ToArray();
                var delta = original - P(Replaced(sampler, set));
                for (var g = 0; g < Groups.Count; g++)
                {
                    var d = set[g] ? delta : -delta;
                    logits[chain][g] += Math.Log((d + 1) / 2 / (1 - (d + 1) / 2));
                }

                steps[chain]++;
                // Stopping test: keep the 2 best sources, replace the other 2.
                var best = Enumerable.Range(0, Groups.Count).OrderByDescending(g => logits[chain][g]).Take(2).ToHashSet();
                stopped[chain] = Logit(Replaced(sampler, Enumerable.Range(0, Groups.Count).Select(g => !best.Contains(g)).ToArray())) >= 0;
            }
        }

        var averaged = Enumerable.Range(0, 3).Where(c => stopped[c] || !stopped.Any(s => s)).ToArray();
        var expected = Enumerable.Range(0, Groups.Count).Select(g => averaged.Average(c => Softmax(logits[c])[g])).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(result.Scores, Is.EqualTo(expected).Within(1e-6));
            Assert.That(result.Diagnostics["steps_mean"], Is.EqualTo(steps.Average()));
            Assert.That(result.Diagnostics["chains_stopped"], Is.EqualTo(stopped.Count(s => s)));
            Assert.That(stopped.Count(s => s), Is.InRange(1, 2), "with this seed some chains stop and some run both steps");
            Assert.That(result.Diagnostics["objective_input"], Is.EqualTo(original).Within(1e-6));
        });
    }

    [TestCase(0.0, 0.0)]
    [TestCase(0.5, 1.0986122886681098)]
    [TestCase(-0.5, -1.0986122886681098)]
    [TestCase(1.0, 16.11809555)]
    [TestCase(7.0, 16.11809555)]
    [TestCase(-7.0, -16.11809555)]
    public void A_step_moves_a_logit_by_logit_of_half_d_plus_one_clamped_to_a_finite_range(double d, double increment) =>
        // logit(3/4) = ln 3; beyond |d| = 1 (log-prob and logit objectives) the argument is clamped at 1e-7 from 0 and 1.
        Assert.That(ReAgent.LogitIncrement(d), Is.EqualTo(increment).Within(1e-7));

    [Test]
    public void The_token_that_carries_the_prediction_gets_the_largest_score()
    {
        // Only token 5 (at position 4) raises the target; every other token lowers it a little, so a stopping test passes
        // only with token 5 kept (a tie with the other logits would rank the target first), and out of 200 ids a
        // replacement seldom draws a 5.
        var weights = Enumerable.Repeat(-0.1, 200).ToArray();
        weights[5] = 4;
        using var model = new LinearFakeModel(weights);
        var request = new AttributionRequest(model, [11, 12, 13, 14, 5, 15, 16, 17], new AttributionTarget.Token(LinearFakeModel.TargetId)) { Seed = 2 };

        var result = new ReAgent(Uniform(steps: 200, chains: 4) with { KeepTopN = 1, StopTopK = 1 }).Attribute(request);

        Assert.That(Array.IndexOf(result.Scores, result.Scores.Max()), Is.EqualTo(4), string.Join(", ", result.Scores));
        Assert.That(result.Scores.Sum(), Is.EqualTo(1f).Within(1e-5), "an average of softmax distributions");
    }

    [TestCase(0)]
    [TestCase(1)]
    public void Chains_that_stop_at_once_cost_the_input_and_an_update_per_chain_then_a_test_and_a_discarded_update(int regionStart)
    {
        using var model = new LinearFakeModel(Weights);
        var request = new AttributionRequest(model, Context, new AttributionTarget.Token(LinearFakeModel.TargetId)) { Region = regionStart.., BatchSize = 2 };

        // stop_top_k = V: every prediction is in the top V, so each chain stops after its first step.
        var result = new ReAgent(Uniform(steps: 50, chains: 5) with { StopTopK = Weights.Length }).Attribute(request);

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics["steps_mean"], Is.EqualTo(1));
            Assert.That(result.Diagnostics["chains_stopped"], Is.EqualTo(5));
            Assert.That(result.Diagnostics["no_chain_stopped"], Is.EqualTo(0));
            Assert.That(result.Cost.ForwardPasses, Is.EqualTo(1 + 5 + 2 * 5),
                "pass 1: f(x) and each chain's update; pass 2: each chain's stopping test with its next update, which the stop discards");
        });
    }

    [Test]
    public void Chains_that_never_stop_run_every_step_and_are_flagged()
    {
        // All weights negative: the target's logit is below every other (0), never in the top 1.
        using var model = new LinearFakeModel(Weights.Select(w => -Math.Abs(w) - 0.1).ToArray());
        var request = new AttributionRequest(model, Context, new AttributionTarget.Token(LinearFakeModel.TargetId)) { BatchSize = 3 };

        var result = new ReAgent(Uniform(steps: 7, chains: 4) with { StopTopK = 1 }).Attribute(request);

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics["steps_mean"], Is.EqualTo(7));
            Assert.That(result.Diagnostics["chains_stopped"], Is.EqualTo(0));
            Assert.That(result.Diagnostics["no_chain_stopped"], Is.EqualTo(1), "the scores average chains that never stopped");
            Assert.That(result.Cost.ForwardPasses, Is.EqualTo(1 + 2 * 4 * 7));
            Assert.That(result.Scores.Sum(), Is.EqualTo(1f).Within(1e-5));
        });
    }

    [Test]
    public void Packed_chains_and_targets_give_the_one_chain_at_a_time_algorithm_s_scores_in_float64()
    {
        using var model = ModelLoader.Load(Gpt2Fixture.Directory, ScalarType.Float64);
        // Three targets of different contexts, lengths and regions, packed into one forward pass per step.
        AttributionRequest[] requests =
        [
            new(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { Region = 2.., Seed = 5 },
            new(model, Gpt2Fixture.Context[..7], new AttributionTarget.Span([42, 7])) { Seed = 6 },
            new(model, [.. Gpt2Fixture.Context, 42], new AttributionTarget.Token(7)) { Region = 1..10, Seed = 7 },
        ];
        var options = Uniform(steps: 12, chains: 4) with { KeepTopN = 3, StopTopK = 12 };

        var packed = new ReAgent(options).AttributeMany(requests);
        // Rows for one attribution's chains at a time (2 x 4), and for one and a half (12): the others wait in the pack
        // and start as stopped chains leave room.
        var oneAtATime = new ReAgent(options).AttributeMany(requests.Select(r => r with { BatchSize = 8 }).ToList());
        var refilled = new ReAgent(options).AttributeMany(requests.Select(r => r with { BatchSize = 12 }).ToList());

        Assert.Multiple(() =>
        {
            for (var t = 0; t < requests.Length; t++)
            {
                var (scores, steps) = OneChainAtATime(requests[t], options);
                Assert.That(packed[t].Scores, Is.EqualTo(scores).Within(1e-12), $"target {t}");
                Assert.That(packed[t].Diagnostics["steps_mean"], Is.EqualTo(steps.Average()), $"target {t}");
                Assert.That(packed[t].Scores, Is.EqualTo(new ReAgent(options).Attribute(requests[t]).Scores), $"target {t} alone");
                Assert.That(oneAtATime[t].Scores, Is.EqualTo(scores).Within(1e-12), $"target {t}, batches of one attribution");
                Assert.That(refilled[t].Scores, Is.EqualTo(scores).Within(1e-12), $"target {t}, waiting for room");
                // A chain that stops after s steps runs an update in pass 1, a test and an update in passes 2..s, and the
                // test that stops it beside a discarded update; one that never stops, an update in each of the max_steps
                // passes and the tests of passes 2..max_steps + 1. A stopped chain adds no rows after that.
                var rows = 1 + steps.Sum(s => s < options.MaxSteps ? 2 * s + 1 : 2 * options.MaxSteps);
                Assert.That(packed[t].Cost.ForwardPasses, Is.EqualTo(rows), $"target {t}: the rows of its running chains only");
                Assert.That(refilled[t].Cost.ForwardPasses, Is.EqualTo(rows), $"target {t}, waiting for room");
            }

            var allSteps = requests.SelectMany(r => OneChainAtATime(r, options).Steps).ToList();
            Assert.That(allSteps.Distinct().Count(), Is.GreaterThan(2), "chains stop at different steps, so the masking of stopped chains is exercised");
        });
    }

    [Test]
    public void Attributions_wait_for_the_rows_of_stopped_chains_and_passes_stay_within_the_batch_size()
    {
        // Shifted weights: the context's logit is near 0, so a stopping test passes or not depending on what it keeps,
        // and chains stop at different steps.
        using var model = new LinearFakeModel(Weights.Select(w => w - 0.4).ToArray());
        var options = Uniform(steps: 30, chains: 3) with { ReplaceRatio = 0.5, KeepTopN = 2, StopTopK = 1 };
        var requests = Enumerable.Range(0, 6).Select(seed => new AttributionRequest(model, Context,
            new AttributionTarget.Token(LinearFakeModel.TargetId)) { Region = 1..9, Sources = Groups, Seed = (ulong)seed, BatchSize = 15 }).ToList();
        var alone = requests.Select(r => new ReAgent(options).Attribute(r)).ToList();
        model.BatchSizes.Clear();

        var packed = new ReAgent(options).AttributeMany(requests);

        Assert.Multiple(() =>
        {
            for (var t = 0; t < requests.Count; t++)
            {
                Assert.That(packed[t].Scores, Is.EqualTo(alone[t].Scores).Within(1e-6), $"target {t}");
                Assert.That(packed[t].Diagnostics["steps_mean"], Is.EqualTo(alone[t].Diagnostics["steps_mean"]), $"target {t}");
            }

            Assert.That(model.BatchSizes.Max(), Is.LessThanOrEqualTo(15), "no pass beyond the batch size");
            // Two attributions' chains fit at once (2 x 6 rows); after the first pass (f(x) and 3 updates each) a pass
            // grows only when a waiting attribution has started in the rows of stopped chains.
            var sizes = model.BatchSizes;
            Assert.That(Enumerable.Range(2, sizes.Count - 2).Any(i => sizes[i] > sizes[i - 1]), Is.True,
                $"an attribution started in rows that stopped chains left (rows per pass: {string.Join(", ", sizes)})");
            Assert.That(model.BatchSizes.Sum(), Is.EqualTo(packed.Sum(r => r.Cost.ForwardPasses)), "every row run is counted once");
        });
    }

    /// <summary>The algorithm as the paper states it, one chain after another, each step its own forward passes through
    /// the request's <see cref="TargetScorer"/>: chain c draws from the generator of <see cref="ReAgent.ChainSeed"/>.</summary>
    private static (float[] Scores, int[] Steps) OneChainAtATime(AttributionRequest request, ReAgentOptions options)
    {
        using var run = new AttributionRun(request.WithObjective(Objective.Prob));
        var replacer = new UniformReplacer(request.ContextIds, request.Model.VocabSize);
        var stopping = new TopKStoppingCondition(run, options.KeepTopN, options.StopTopK);
        var original = run.Scorer.Score([request.ContextIds])[0];
        var n = run.Sources.Count;
        var chains = new List<(double[] Scores, bool Stopped, int Steps)>();
        for (var chain = 0; chain < options.Chains; chain++)
        {
            using var sampler = new CoalitionSampler(ReAgent.ChainSeed(request.Seed, chain));
            var logits = sampler.Uniform(n);
            var (stopped, steps) = (false, 0);
            while (!stopped && steps < options.MaxSteps)
            {
                var set = sampler.Uniform(n).Select(u => u < options.ReplaceRatio).ToArray();
                var probe = replacer.Replace([run.ContextKeepMask(set.Select(r => !r).ToArray())], [sampler])[0];
                var delta = original - run.Scorer.Score([probe])[0];
                for (var i = 0; i < n; i++) logits[i] += ReAgent.LogitIncrement(set[i] ? delta : -delta);
                steps++;
                var test = replacer.Replace([stopping.KeepMask(Softmax(logits))], [sampler])[0];
                stopped = stopping.Stops(run.Scorer.TargetRanks([test])[0]);
            }

            chains.Add((Softmax(logits), stopped, steps));
        }

        var averaged = chains.Where(c => c.Stopped || !chains.Any(d => d.Stopped)).ToList();
        var mean = Enumerable.Range(0, n).Select(i => (float)averaged.Sum(c => c.Scores[i] / averaged.Count)).ToArray();
        return (mean, chains.Select(c => c.Steps).ToArray());
    }

    private static double[] Softmax(double[] logits)
    {
        var top = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - top)).ToArray();
        return exp.Select(e => e / exp.Sum()).ToArray();
    }

    [Test]
    public void The_same_seed_gives_the_same_scores_bit_for_bit_and_another_seed_others()
    {
        using var model = Gpt2Fixture.Load();
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Span([42, 7])) { Region = 2.., Seed = 9 };
        var reagent = new ReAgent(Uniform(steps: 5, chains: 3));

        var first = reagent.Attribute(request);

        Assert.That(reagent.Attribute(request).Scores, Is.EqualTo(first.Scores));
        Assert.That(reagent.Attribute(request with { Seed = 10 }).Scores, Is.Not.EqualTo(first.Scores));
    }

    [Test]
    public void Leaves_no_tensor_behind()
    {
        using var model = Gpt2Fixture.Load();
        using var roberta = MaskedLmFixture.LoadModel();
        var maskedLm = MaskedLmFixture.Resource(roberta);
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { ContextText = MaskedLmFixture.TextOf(Gpt2Fixture.Context) };
        var reagent = new ReAgent(new ReAgentOptions { Replacer = ReAgentReplacer.Mlm, MaxSteps = 3, Chains = 2 }, maskedLm);
        reagent.Attribute(request);
        var before = Tensor.LiveCount;

        reagent.Attribute(request);

        Assert.That(Tensor.LiveCount, Is.EqualTo(before));
    }

    [TestCase("max_steps", "0", "at least 1")]
    [TestCase("replace_ratio", "0", "in (0, 1]")]
    [TestCase("replace_ratio", "1.5", "in (0, 1]")]
    [TestCase("keep_top_n", "-1", "at least 0")]
    [TestCase("stop_top_k", "0", "at least 1")]
    [TestCase("stop_top_k", "98", "in [1, 97]")]
    [TestCase("chains", "0", "at least 1")]
    [TestCase("mlm_top_k", "0", "at least 1")]
    public void Out_of_range_options_fail_naming_the_option_and_the_valid_range(string key, string value, string valid)
    {
        using var model = Gpt2Fixture.Load();
        // Ranges that need no model fail when the method is made (`harness validate`); stop_top_k's bound, the vocabulary, when it runs.
        Assert.That(() => AttributorRegistry.Create(ReAgent.MethodName, new Dictionary<string, string> { [key] = value, ["replacer"] = "uniform" })
                .Attribute(new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42))),
            Throws.InstanceOf<ScoringException>().With.Message.Contains($"{key}={value}").And.Message.Contains(valid));
    }

    [Test]
    public void Replacers_that_cannot_run_fail_saying_what_is_missing()
    {
        using var model = Gpt2Fixture.Load();
        using var roberta = MaskedLmFixture.LoadModel();
        var maskedLm = MaskedLmFixture.Resource(roberta);
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42));
        Assert.Multiple(() =>
        {
            Assert.That(() => AttributorRegistry.Create(ReAgent.MethodName, new Dictionary<string, string> { ["replacer"] = "mlm" }).Attribute(request),
                Throws.InstanceOf<ScoringException>().With.Message.Contains("needs a masked LM"));
            Assert.That(() => new ReAgent(new ReAgentOptions { Replacer = ReAgentReplacer.Mlm }, maskedLm).Attribute(request),
                Throws.InstanceOf<ScoringException>().With.Message.Contains("ContextText"));
            Assert.That(() => AttributorRegistry.Create(ReAgent.MethodName).Attribute(request),
                Throws.InstanceOf<ScoringException>().With.Message.Contains("part-of-speech tags of the model's vocabulary"), "pos, the default, needs the tag map");
        });
    }
}
