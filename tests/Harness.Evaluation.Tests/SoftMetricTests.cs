using Harness.Data.Segmentation;
using Harness.Evaluation.Core;
using Harness.Evaluation.Soft;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Evaluation.Tests;

/// <summary>soft_ns and soft_nc (spec/metrics.md section 1): the distances on fixed vectors, the score
/// normalisations, values worked out in closed form on <see cref="BlockToyModel"/> (keep probabilities in
/// {0, 1}, sources, keep_query, span targets, and an expectation check for fractional q), the degenerate
/// S0 guard, flags, determinism, exact forward-pass counts with and without a shared memo, no leaked
/// tensors, and every fixture architecture.</summary>
[TestFixture]
[Fast]
public sealed class SoftMetricTests
{
    private static readonly long[] Gpt2Context = [5, 17, 42, 88, 23, 61, 9, 74, 33, 50, 12];
    private static readonly string[] Architectures = ["gpt2", "opt", "gptj", "llama", "mistral", "qwen2", "phi3"];
    private static readonly float[] Gpt2Scores = [0.05f, 0.3f, 0.1f, 0.02f, 0.15f, 0.08f, 0.12f, 0.01f, 0.07f, 0.1f];

    private static ILanguageModel gpt2 = null!;

    [OneTimeSetUp]
    public static void Load() => gpt2 = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", "gpt2"));

    [OneTimeTearDown]
    public static void Free() => gpt2.Dispose();

    private static SoftMetric Ns(SoftOptions? options = null) => new(SoftSide.Sufficiency, options);

    private static SoftMetric Nc(SoftOptions? options = null) => new(SoftSide.Comprehensiveness, options);

    // ReAGent divides by a float32 √2 (soft_sufficiency.py:67).
    private static double Reagent(double[] p, double[] q) => p.Zip(q).Sum(x => Math.Pow(Math.Sqrt(x.First) - Math.Sqrt(x.Second), 2)) / (float)Math.Sqrt(2);

    private static double Hellinger(double[] p, double[] q) => Math.Sqrt(p.Zip(q).Sum(x => Math.Pow(Math.Sqrt(x.First) - Math.Sqrt(x.Second), 2))) / Math.Sqrt(2);

    private static double[] Distances(SoftDistance distance, double[][] p, double[][] q, long[] target)
    {
        using var scope = torch.NewDisposeScope();
        var m = target.Length;
        var v = q[0].Length;
        var pt = torch.tensor(p.SelectMany(x => x).ToArray(), [p.Length / m, m, v]);
        var qt = torch.tensor(q.SelectMany(x => x).ToArray(), [m, v]);
        return DistributionDistance.Between(distance, pt, qt, target).ToArray<double>();
    }

    [Test]
    public void The_distances_follow_their_formulas_on_fixed_vectors()
    {
        double[] p = [0.5, 0.3, 0.2, 0.0];
        double[] q = [0.2, 0.2, 0.5, 0.1];

        Assert.That(Distances(SoftDistance.Reagent, [p], [q], [2])[0], Is.EqualTo(Reagent(p, q)).Within(1e-15));
        Assert.That(Distances(SoftDistance.Hellinger, [p], [q], [2])[0], Is.EqualTo(Hellinger(p, q)).Within(1e-15));
        Assert.That(Distances(SoftDistance.Target, [p], [q], [2])[0], Is.EqualTo(0.3).Within(1e-15), "Q_y - P_y at y = 2");
        Assert.That(Distances(SoftDistance.Target, [p], [q], [0])[0], Is.Zero, "P gained probability on y: clipped to 0");
        Assert.That(Distances(SoftDistance.Reagent, [q], [q], [2])[0], Is.Zero);
        Assert.That(Reagent(p, q), Is.Not.EqualTo(Hellinger(p, q)).Within(1e-3), "the two forms must differ on these vectors");
    }

    [Test]
    public void A_span_target_averages_the_distances_of_its_predicting_positions()
    {
        double[] p1 = [0.5, 0.3, 0.2], q1 = [0.2, 0.2, 0.6];
        double[] p2 = [0.1, 0.1, 0.8], q2 = [0.3, 0.4, 0.3];

        var two = Distances(SoftDistance.Reagent, [p1, p2], [q1, q2], [2, 0]);
        var target = Distances(SoftDistance.Target, [p1, p2], [q1, q2], [2, 0]);

        Assert.That(two[0], Is.EqualTo((Reagent(p1, q1) + Reagent(p2, q2)) / 2).Within(1e-15));
        Assert.That(target[0], Is.EqualTo((0.4 + 0.2) / 2).Within(1e-15));
    }

    [Test]
    public void Scores_become_keep_probabilities_after_the_negative_rule_and_the_normalisation()
    {
        float[] s = [2f, -1f, 0.5f, 0f];
        Assert.That(KeepProbabilities.FromScores(s, NegativeScores.Clip, ScoreNormalization.None), Is.EqualTo(new[] { 1.0, 0, 0.5, 0 }), "clamped to [0, 1]");
        Assert.That(KeepProbabilities.FromScores(s, NegativeScores.Abs, ScoreNormalization.Sum), Is.EqualTo(new[] { 2 / 3.5, 1 / 3.5, 0.5 / 3.5, 0 }).Within(1e-15));
        Assert.That(KeepProbabilities.FromScores(s, NegativeScores.Clip, ScoreNormalization.MinMax), Is.EqualTo(new[] { 1.0, 0, 0.25, 0 }).Within(1e-15));
        Assert.That(KeepProbabilities.FromScores(s, NegativeScores.Clip, ScoreNormalization.Sigmoid),
            Is.EqualTo(new[] { 1 / (1 + Math.Exp(-2)), 0.5, 1 / (1 + Math.Exp(-0.5)), 0.5 }).Within(1e-15));
        var e = new[] { Math.Exp(2), 1, Math.Exp(0.5), 1 };
        Assert.That(KeepProbabilities.FromScores(s, NegativeScores.Clip, ScoreNormalization.Softmax), Is.EqualTo(e.Select(x => x / e.Sum()).ToArray()).Within(1e-15));
        Assert.That(KeepProbabilities.FromScores([3f, 3f], NegativeScores.Clip, ScoreNormalization.MinMax), Is.EqualTo(new[] { 0.0, 0 }));
    }

    [Test]
    public void Keep_probabilities_in_0_and_1_give_the_closed_form_values_on_the_toy_model()
    {
        using var model = new BlockToyModel([0, 1.5, -1, 2, 0.5, 0.7]);
        long[] context = [1, 2, 3, 4];
        var input = new MetricInput(model, context, new AttributionTarget.Token(5), [1, 0, 1, 0]);
        var q = model.Distribution(model.Counts(context, [1, 1, 1, 1]));
        var s0 = 1 - Reagent(model.Distribution(new double[6]), q);
        var ss = 1 - Reagent(model.Distribution(model.Counts(context, [1, 0, 1, 0])), q);
        var sc = Reagent(model.Distribution(model.Counts(context, [0, 1, 0, 1])), q);

        var ns = Ns().Evaluate(input);
        var nc = Nc().Evaluate(input);

        Assert.That(ns.Parts[PartKey.Parse("s0")], Is.EqualTo(s0).Within(1e-6));
        Assert.That(ns.Parts[PartKey.Parse("ss")], Is.EqualTo(ss).Within(1e-6));
        Assert.That(ns.Value, Is.EqualTo(Math.Max(0, ss - s0) / (1 - s0)).Within(1e-5));
        Assert.That(nc.Parts[PartKey.Parse("sc")], Is.EqualTo(sc).Within(1e-6));
        Assert.That(nc.Value, Is.EqualTo(sc / (1 - s0)).Within(1e-5));
        Assert.That(ns.Parts[PartKey.Parse("samples")], Is.EqualTo(1));
        Assert.That(ns.Value, Is.GreaterThan(0.05), "the case must not be trivial");
        Assert.That(ns.Flags, Is.Empty);

        var target = Ns(new SoftOptions { Distance = SoftDistance.Target }).Evaluate(input);
        var (qy, sy, zy) = (q[5], model.Distribution(model.Counts(context, [1, 0, 1, 0]))[5], model.Distribution(new double[6])[5]);
        Assert.That(target.Parts[PartKey.Parse("ss")], Is.EqualTo(1 - Math.Max(0, qy - sy)).Within(1e-6));
        Assert.That(target.Parts[PartKey.Parse("s0")], Is.EqualTo(1 - Math.Max(0, qy - zy)).Within(1e-6));
    }

    [Test]
    public void A_span_target_is_teacher_forced_and_averages_over_its_tokens()
    {
        using var model = new BlockToyModel([0, 1.5, -1, 2, 0.5, 0.7]);
        long[] context = [1, 2, 3, 4];
        var input = new MetricInput(model, context, new AttributionTarget.Span([5, 1]), [1, 0, 1, 0]);
        double[] Shifted(double[] n) => n.Select((x, v) => v == 5 ? x + 1 : x).ToArray();  // the intact first target token
        double D(double[] kept)
        {
            var n = model.Counts(context, kept);
            var all = model.Counts(context, [1, 1, 1, 1]);
            return (Reagent(model.Distribution(n), model.Distribution(all)) + Reagent(model.Distribution(Shifted(n)), model.Distribution(Shifted(all)))) / 2;
        }

        var ns = Ns().Evaluate(input);

        Assert.That(ns.Parts[PartKey.Parse("ss")], Is.EqualTo(1 - D([1, 0, 1, 0])).Within(1e-6));
        Assert.That(ns.Parts[PartKey.Parse("s0")], Is.EqualTo(1 - D([0, 0, 0, 0])).Within(1e-6));
    }

    [Test]
    public void Each_token_of_a_source_gets_its_source_keep_probability_and_tokens_in_no_source_stay()
    {
        using var model = new BlockToyModel([0, 1.5, -1, 2, 0.5, 0.7]);
        long[] context = [1, 2, 3, 4, 2];
        // Region 1..: sources {region 0, 3} (both id 2) and {region 1} (id 3); region position 2 (id 4) is in no source.
        var input = new MetricInput(model, context, new AttributionTarget.Token(5), [1, 0])
        {
            Region = 1..,
            Sources = new Sources([[0, 3], [1]]),
        };
        var q = model.Distribution(model.Counts(context, [1, 1, 1, 1, 1]));
        var ss = 1 - Reagent(model.Distribution(model.Counts(context, [1, 1, 0, 1, 1])), q);
        var sc = Reagent(model.Distribution(model.Counts(context, [1, 0, 1, 1, 0])), q);

        var ns = Ns().Evaluate(input);
        var nc = Nc().Evaluate(input);
        var kept = Ns(new SoftOptions { KeepQuery = true }).Evaluate(input);

        Assert.That(ns.Parts[PartKey.Parse("ss")], Is.EqualTo(ss).Within(1e-6));
        Assert.That(nc.Parts[PartKey.Parse("sc")], Is.EqualTo(sc).Within(1e-6));
        Assert.That(ns.Parts[PartKey.Parse("s0")], Is.EqualTo(1 - Reagent(model.Distribution(new double[6]), q)).Within(1e-6), "P_0 zeroes the whole context");
        Assert.That(kept.Parts[PartKey.Parse("s0")], Is.EqualTo(1 - Reagent(model.Distribution(model.Counts(context, [1, 0, 0, 1, 0])), q)).Within(1e-6),
            "keep_query zeroes only the sources' tokens");
        Assert.That(kept.Parts[PartKey.Parse("ss")], Is.EqualTo(ss).Within(1e-6), "keep_query changes S0 only");
    }

    [Test]
    public void Fractional_keep_probabilities_mask_each_embedding_element_so_the_kept_fraction_is_near_q()
    {
        // 4000 elements per token: the kept fraction of a q = 0.5 token is 0.5 +- 0.008 (one standard deviation);
        // masking whole tokens instead would keep 0 or 1 of it.
        using var model = new BlockToyModel([0, 3, -1, 2, 0.5, 0.7], blockSize: 4000);
        long[] context = [1, 2, 3, 4];
        var input = new MetricInput(model, context, new AttributionTarget.Token(5), [0.5f, 0, 1, 0]) { Seed = 3 };
        var q = model.Distribution(model.Counts(context, [1, 1, 1, 1]));
        var expected = 1 - Reagent(model.Distribution(model.Counts(context, [0.5, 0, 1, 0])), q);
        var wholeTokens = new[] { 1 - Reagent(model.Distribution(model.Counts(context, [0, 0, 1, 0])), q), 1 - Reagent(model.Distribution(model.Counts(context, [1, 0, 1, 0])), q) };

        var ss = Ns().Evaluate(input).Parts[PartKey.Parse("ss")];

        Assert.That(ss, Is.EqualTo(expected).Within(0.01));
        Assert.That(wholeTokens.Select(w => Math.Abs(w - expected)), Has.All.GreaterThan(0.03), "the check must tell element from token masking");
    }

    [Test]
    public void A_one_hot_score_on_the_only_relevant_token_scores_1_and_on_another_token_0()
    {
        using var model = new BlockToyModel([0, 0, 0, 4, 0, 0]);
        long[] context = [1, 2, 3, 4];
        MetricInput Input(float[] scores) => new(model, context, new AttributionTarget.Token(5), scores);

        Assert.That(Ns().Evaluate(Input([0, 0, 1, 0])).Value, Is.EqualTo(1).Within(1e-6));
        Assert.That(Nc().Evaluate(Input([0, 0, 1, 0])).Value, Is.EqualTo(1).Within(1e-6));
        Assert.That(Ns().Evaluate(Input([1, 0, 0, 0])).Value, Is.EqualTo(0).Within(1e-6));
        Assert.That(Nc().Evaluate(Input([1, 0, 0, 0])).Value, Is.EqualTo(0).Within(1e-6));
    }

    [Test]
    public void A_prediction_that_zeroing_does_not_move_is_flagged_degenerate_with_its_parts()
    {
        using var model = new BlockToyModel([0, 0, 0, 0, 0, 0]);
        var result = Ns().Evaluate(new MetricInput(model, [1, 2, 3, 4], new AttributionTarget.Token(5), [0.4f, 0.1f, 0.3f, 0.2f]));

        Assert.That(result.Flags, Is.EqualTo(new[] { SoftEvaluation.DegenerateS0 }));
        Assert.That(double.IsNaN(result.Value));
        Assert.That(result.Parts[PartKey.Parse("s0")], Is.EqualTo(1).Within(1e-9));
        Assert.That(result.Parts[PartKey.Parse("ss")], Is.EqualTo(1).Within(1e-9));
        Assert.That(result.Cost.ForwardPasses, Is.EqualTo(3));
    }

    [Test]
    public void Unusable_scores_give_NaN_without_passes_and_all_equal_scores_are_flagged_but_valued()
    {
        var nan = Ns().Evaluate(new MetricInput(gpt2, Gpt2Context, new AttributionTarget.Token(42), [.. Gpt2Scores, float.NaN]));
        var equal = Nc().Evaluate(new MetricInput(gpt2, Gpt2Context, new AttributionTarget.Token(42), Enumerable.Repeat(0.1f, 11).ToArray()));

        Assert.That(nan.Flags, Is.EqualTo(new[] { ScoreChecks.NonFiniteScores }));
        Assert.That(double.IsNaN(nan.Value));
        Assert.That(nan.Cost.ForwardPasses, Is.Zero);
        Assert.That(equal.Flags, Is.EqualTo(new[] { ScoreChecks.AllEqualScores }));
        Assert.That(double.IsFinite(equal.Value));
    }

    [Test]
    public void The_same_seed_gives_the_same_values_bit_for_bit_and_another_seed_other_masks()
    {
        var input = new MetricInput(gpt2, Gpt2Context, new AttributionTarget.Token(42), [.. Gpt2Scores, 0.2f]) { Seed = 5 };
        var options = new SoftOptions { Samples = 2 };

        var first = Ns(options).Evaluate(input);
        var second = Ns(options).Evaluate(input);
        var other = Ns(options).Evaluate(input with { Seed = 6 });

        Assert.That(second.Value, Is.EqualTo(first.Value));
        Assert.That(second.Parts, Is.EqualTo(first.Parts));
        Assert.That(other.Parts[PartKey.Parse("ss")], Is.Not.EqualTo(first.Parts[PartKey.Parse("ss")]));
        Assert.That(other.Parts[PartKey.Parse("s0")], Is.EqualTo(first.Parts[PartKey.Parse("s0")]), "S0 draws nothing");
    }

    [Test]
    public void The_masks_do_not_depend_on_the_batch_size()
    {
        var input = new MetricInput(gpt2, Gpt2Context, new AttributionTarget.Span([42, 7]), [.. Gpt2Scores, 0.2f]) { Seed = 2, BatchSize = 16 };
        var options = new SoftOptions { Samples = 5 };

        var batched = Nc(options).Evaluate(input);
        var single = Nc(options).Evaluate(input with { BatchSize = 1 });

        Assert.That(single.Value, Is.EqualTo(batched.Value).Within(1e-6));
        Assert.That(single.Cost.ForwardPasses, Is.EqualTo(batched.Cost.ForwardPasses));
    }

    [Test]
    public void Forward_passes_are_Q_S0_and_one_per_sample_and_a_shared_memo_leaves_one_per_sample()
    {
        var input = new MetricInput(gpt2, Gpt2Context, new AttributionTarget.Token(42), [.. Gpt2Scores, 0.2f]);
        Assert.That(Ns().Evaluate(input).Cost.ForwardPasses, Is.EqualTo(1 + 1 + 1));
        Assert.That(Nc(new SoftOptions { Samples = 4 }).Evaluate(input with { BatchSize = 3 }).Cost.ForwardPasses, Is.EqualTo(1 + 1 + 4));

        var memo = new ExampleMemo();
        var first = Ns().Evaluate(input with { Memo = memo });
        var second = Ns().Evaluate(input with { Memo = memo, Scores = [.. Gpt2Scores.Reverse(), 0.2f] });
        var comprehensiveness = Nc().Evaluate(input with { Memo = memo });

        Assert.That(first.Cost.ForwardPasses, Is.EqualTo(3));
        Assert.That(second.Cost.ForwardPasses, Is.EqualTo(1), "Q and S0 come from the memo");
        Assert.That(comprehensiveness.Cost.ForwardPasses, Is.EqualTo(1), "soft_nc shares Q and S0 with soft_ns");
        Assert.That(second.Parts[PartKey.Parse("s0")], Is.EqualTo(first.Parts[PartKey.Parse("s0")]));
        Assert.That(memo.Count, Is.EqualTo(2), "Q and one S0");
        Assert.That(Ns(new SoftOptions { Distance = SoftDistance.Hellinger }).Evaluate(input with { Memo = memo }).Cost.ForwardPasses,
            Is.EqualTo(2), "S0 depends on the distance; Q does not");
    }

    [Test]
    public void A_region_after_the_first_token_reuses_the_prefix_cache_and_the_memo_changes_no_bit()
    {
        var input = new MetricInput(gpt2, Gpt2Context, new AttributionTarget.Token(42), Gpt2Scores) { Region = 1.., Memo = new ExampleMemo() };

        var first = Ns().Evaluate(input);
        var second = Ns().Evaluate(input);

        Assert.That(first.Cost.ForwardPasses, Is.EqualTo(1 + 1 + 1 + 1), "Q; S0 alone (it zeroes the prefix too); the prefix once; the sample");
        Assert.That(second.Cost.ForwardPasses, Is.EqualTo(1 + 1), "the prefix runs once, then the sample continues it");
        Assert.That(second.Value, Is.EqualTo(first.Value), "S0 never shares a batch with the samples, so the memo changes no bit");
    }

    [Test]
    public void Options_bind_by_name_and_out_of_range_values_fail_naming_the_option()
    {
        var bound = MetricRegistry.Create(SoftMetric.SufficiencyName, new Dictionary<string, string>
        {
            ["normalize"] = "minmax", ["negative"] = "abs", ["distance"] = "hellinger", ["samples"] = "3", ["keep_query"] = "true",
        });
        Assert.That(bound.Name, Is.EqualTo("soft_ns"));
        Assert.That(MetricRegistry.Create(SoftMetric.ComprehensivenessName).Name, Is.EqualTo("soft_nc"));
        Assert.That(() => MetricRegistry.Create("soft_nc", new Dictionary<string, string> { ["samples"] = "0" }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("samples=0").And.Message.Contains("at least 1"));
        Assert.That(() => MetricRegistry.Create("soft_ns", new Dictionary<string, string> { ["distance"] = "kl" }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("reagent, hellinger, target"));
    }

    [Test]
    public void No_tensor_outlives_an_evaluation()
    {
        var input = new MetricInput(gpt2, Gpt2Context, new AttributionTarget.Span([42, 7]), Gpt2Scores) { Region = 1.., Memo = new ExampleMemo(), BatchSize = 2 };
        foreach (var metric in new IMetric[] { Ns(new SoftOptions { Samples = 3 }), Nc(), Ns() })
        {
            var before = Tensor.LiveCount;
            metric.Evaluate(input);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Assert.That(Tensor.LiveCount, Is.EqualTo(before), metric.Name);
        }
    }

    private static IEnumerable<TestCaseData> Cases() =>
        from architecture in Architectures
        from name in new[] { SoftMetric.SufficiencyName, SoftMetric.ComprehensivenessName }
        select new TestCaseData(architecture, name).SetName($"{name} on {architecture}");

    [TestCaseSource(nameof(Cases))]
    public void Runs_on_the_architecture_and_is_deterministic(string architecture, string name)
    {
        using var model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", architecture));
        var metric = MetricRegistry.Create(name, new Dictionary<string, string> { ["samples"] = "2" });
        foreach (AttributionTarget target in new AttributionTarget[] { new AttributionTarget.Token(42), new AttributionTarget.Span([42, 7]) })
        {
            var input = new MetricInput(model, Gpt2Context, target, Gpt2Scores) { Region = 1.., Seed = 11, BatchSize = 2 };

            var first = metric.Evaluate(input);
            var second = metric.Evaluate(input);

            Assert.That(first.Flags, Is.Empty, $"{target}");
            Assert.That(first.Value, Is.InRange(0.0, 10.0), $"{target}");
            Assert.That(first.Cost.ForwardPasses, Is.EqualTo(1 + 1 + 2 + 1), $"{target}: Q, the prefix and both samples continuing it, then S0 run whole");
            Assert.That(second.Value, Is.EqualTo(first.Value), "same seed, same device: the same value bit for bit");
        }
    }
}
