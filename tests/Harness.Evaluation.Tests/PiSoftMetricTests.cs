using Harness.Evaluation.Core;
using Harness.Evaluation.Soft;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Evaluation.Tests;

/// <summary>pi_soft_ns and pi_soft_nc (spec/metrics.md section 3): the water-filling keep fractions
/// (worked examples, the mean is pi, a uniform attributor gets pi), the trapezoid area, closed-form
/// curves on <see cref="BlockToyModel"/>, uniform versus constant scores, batching into one set of
/// passes, the memo shared with soft_ns, determinism, leaks, and every fixture architecture.</summary>
[TestFixture]
[Fast]
public sealed class PiSoftMetricTests
{
    private static readonly long[] Gpt2Context = [5, 17, 42, 88, 23, 61, 9, 74, 33, 50, 12];
    private static readonly string[] Architectures = ["gpt2", "opt", "gptj", "llama", "mistral", "qwen2", "phi3"];
    private static readonly float[] Gpt2Scores = [0.05f, 0.3f, 0.1f, 0.02f, 0.15f, 0.08f, 0.12f, 0.01f, 0.07f, 0.1f];

    private static ILanguageModel gpt2 = null!;

    [OneTimeSetUp]
    public static void Load() => gpt2 = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", "gpt2"));

    [OneTimeTearDown]
    public static void Free() => gpt2.Dispose();

    private static PiSoftMetric Ns(PiSoftOptions? options = null) => new(SoftSide.Sufficiency, options);

    private static PiSoftMetric Nc(PiSoftOptions? options = null) => new(SoftSide.Comprehensiveness, options);

    private static double Reagent(double[] p, double[] q) => p.Zip(q).Sum(x => Math.Pow(Math.Sqrt(x.First) - Math.Sqrt(x.Second), 2)) / Math.Sqrt(2);

    [Test]
    public void Water_filling_saturates_the_largest_scores_and_scales_the_rest()
    {
        // Sum 8, pi L = 2: c = 1/4 keeps the largest at exactly 1.
        Assert.That(KeepProbabilities.AtFraction([4, 2, 1, 1], 0.5), Is.EqualTo(new[] { 1, 0.5, 0.25, 0.25 }).Within(1e-15));
        // c = 2/12 would keep 10 with 1.67: it saturates, and the other budget of 1 goes to the two 1s.
        Assert.That(KeepProbabilities.AtFraction([10, 1, 1, 0], 0.5), Is.EqualTo(new[] { 1, 0.5, 0.5, 0 }).Within(1e-15));
        // One positive score and pi L = 2: it saturates and the remainder 1 is spread over the three zeros.
        Assert.That(KeepProbabilities.AtFraction([0, 3, 0, 0], 0.5), Is.EqualTo(new[] { 1 / 3.0, 1, 1 / 3.0, 1 / 3.0 }).Within(1e-15));
        Assert.That(KeepProbabilities.AtFraction([0, 0, 0], 0.3), Is.EqualTo(new[] { 0.3, 0.3, 0.3 }).Within(1e-15));
    }

    [Test]
    public void The_mean_keep_fraction_is_pi_and_a_uniform_attributor_gets_pi_everywhere()
    {
        var random = new Random(4);
        foreach (var length in new[] { 1, 3, 10, 57 })
        {
            var scores = Enumerable.Range(0, length).Select(_ => random.NextDouble() < 0.3 ? 0 : Math.Pow(random.NextDouble(), 3)).ToArray();
            var uniform = Enumerable.Repeat(1.0 / length, length).ToArray();
            foreach (var pi in new[] { 0.05, 0.1, 0.5, 0.9, 0.99 })
            {
                var q = KeepProbabilities.AtFraction(scores, pi);
                Assert.That(q.Average(), Is.EqualTo(pi).Within(1e-12), $"L = {length}, pi = {pi}");
                Assert.That(q, Has.All.InRange(0.0, 1.0));
                Assert.That(KeepProbabilities.AtFraction(uniform, pi), Has.All.EqualTo(pi), $"uniform, L = {length}, pi = {pi}");
            }
        }
    }

    [Test]
    public void The_area_is_the_trapezoid_divided_by_the_pi_range()
    {
        Assert.That(PiSoftMetric.Area([0.1, 0.5, 0.9], [0, 1, 0]), Is.EqualTo(0.5).Within(1e-15));
        Assert.That(PiSoftMetric.Area([0.1, 0.2, 0.9], [1, 0, 0]), Is.EqualTo(0.05 / 0.8).Within(1e-15));
        Assert.That(PiSoftMetric.Area([0.3], [0.7]), Is.EqualTo(0.7));
    }

    [Test]
    public void A_one_hot_score_on_the_only_relevant_token_keeps_it_whole_once_pi_L_reaches_1()
    {
        using var model = new BlockToyModel([0, 0, 0, 4, 0, 0]);
        long[] context = [1, 2, 3, 4];
        var input = new MetricInput(model, context, new AttributionTarget.Token(5), [0, 0, 1, 0]);
        var q = model.Distribution(model.Counts(context, [1, 1, 1, 1]));
        var s0 = 1 - Reagent(model.Distribution(new double[6]), q);

        var ns = Ns(new PiSoftOptions { Pis = [0.25, 0.5, 0.75] }).Evaluate(input);
        var nc = Nc(new PiSoftOptions { Pis = [0.25, 0.5, 0.75] }).Evaluate(input);

        Assert.That(ns.Value, Is.EqualTo(1).Within(1e-6));
        Assert.That(ns.Parts[PiSoftMetric.AtPi(0.5)], Is.EqualTo(1).Within(1e-6));
        Assert.That(ns.Parts[PartKey.Parse("s0")], Is.EqualTo(s0).Within(1e-6));
        Assert.That(nc.Value, Is.EqualTo(1).Within(1e-6), "1 - q drops the relevant token whole at every pi");
        Assert.That(ns.Parts.Keys.Select(k => k.Format()), Is.EquivalentTo(new[] { "pi=0.25", "pi=0.5", "pi=0.75", "ss pi=0.25", "ss pi=0.5", "ss pi=0.75", "s0", "samples" }));
    }

    [Test]
    public void A_uniform_attributor_keeps_a_fraction_pi_of_every_token_in_expectation()
    {
        // 4000 elements per token: each token keeps 0.5 +- 0.008 of its embedding at pi = 0.5, so the curve is
        // close to the closed form at n = pi for every token.
        using var model = new BlockToyModel([0, 3, -1, 2, 0.5, 0.7], blockSize: 4000);
        long[] context = [1, 2, 3, 4];
        var input = new MetricInput(model, context, new AttributionTarget.Token(5), [0.25f, 0.25f, 0.25f, 0.25f]) { Seed = 9 };
        var q = model.Distribution(model.Counts(context, [1, 1, 1, 1]));
        var s0 = 1 - Reagent(model.Distribution(new double[6]), q);
        double[] pis = [0.2, 0.5, 0.8];
        double Expected(double pi) => Math.Max(0, 1 - Reagent(model.Distribution(model.Counts(context, [pi, pi, pi, pi])), q) - s0) / (1 - s0);

        var result = Ns(new PiSoftOptions { Pis = pis }).Evaluate(input);

        foreach (var pi in pis) Assert.That(result.Parts[PiSoftMetric.AtPi(pi)], Is.EqualTo(Expected(pi)).Within(0.01), $"pi = {pi}");
        Assert.That(result.Value, Is.EqualTo(PiSoftMetric.Area(pis, pis.Select(Expected).ToArray())).Within(0.01));
        Assert.That(Expected(0.8) - Expected(0.2), Is.GreaterThan(0.1), "the curve must rise for the check to mean something");
    }

    [Test]
    public void The_curve_of_uniform_scores_equals_that_of_any_constant_score_attributor()
    {
        var input = new MetricInput(gpt2, Gpt2Context, new AttributionTarget.Token(42), Enumerable.Repeat(1f / 11, 11).ToArray()) { Seed = 4 };

        var uniform = Nc().Evaluate(input);
        var constant = Nc().Evaluate(input with { Scores = Enumerable.Repeat(7f, 11).ToArray() });
        var ranked = Nc().Evaluate(input with { Scores = [.. Gpt2Scores, 0.2f] });

        foreach (var key in uniform.Parts.Keys) Assert.That(constant.Parts[key], Is.EqualTo(uniform.Parts[key]).Within(1e-9), key.Format());
        Assert.That(ranked.Value, Is.Not.EqualTo(uniform.Value).Within(1e-6), "other scores, other keep fractions");
    }

    [Test]
    public void Every_pi_runs_in_the_same_batches_and_shares_Q_and_S0_with_soft_ns()
    {
        var input = new MetricInput(gpt2, Gpt2Context, new AttributionTarget.Token(42), [.. Gpt2Scores, 0.2f]) { BatchSize = 32 };
        var alone = Ns().Evaluate(input);
        var twoSamples = Nc(new PiSoftOptions { Samples = 2 }).Evaluate(input with { BatchSize = 4 });

        var memo = new ExampleMemo();
        var soft = new SoftMetric(SoftSide.Sufficiency).Evaluate(input with { Memo = memo });
        var shared = Ns().Evaluate(input with { Memo = memo });

        Assert.That(alone.Cost.ForwardPasses, Is.EqualTo(1 + 1 + 9), "Q, S0 and one mask per pi");
        Assert.That(twoSamples.Cost.ForwardPasses, Is.EqualTo(1 + 1 + 9 * 2));
        Assert.That(soft.Cost.ForwardPasses, Is.EqualTo(3));
        Assert.That(shared.Cost.ForwardPasses, Is.EqualTo(9), "Q and S0 from the memo soft_ns filled");
        Assert.That(shared.Parts[PartKey.Parse("s0")], Is.EqualTo(soft.Parts[PartKey.Parse("s0")]));
        Assert.That(shared.Value, Is.EqualTo(alone.Value).Within(1e-6));
    }

    [Test]
    public void The_same_seed_gives_the_same_curve_bit_for_bit()
    {
        var input = new MetricInput(gpt2, Gpt2Context, new AttributionTarget.Span([42, 7]), Gpt2Scores) { Region = 1.., Seed = 8, BatchSize = 5 };

        var first = Nc().Evaluate(input);
        var second = Nc().Evaluate(input);
        var other = Nc().Evaluate(input with { Seed = 9 });

        Assert.That(second.Parts, Is.EqualTo(first.Parts));
        Assert.That(second.Value, Is.EqualTo(first.Value));
        Assert.That(other.Value, Is.Not.EqualTo(first.Value));
    }

    [Test]
    public void A_degenerate_S0_gives_NaN_values_and_keeps_the_raw_curve()
    {
        using var model = new BlockToyModel([0, 0, 0, 0, 0, 0]);
        var result = Ns(new PiSoftOptions { Pis = [0.5] }).Evaluate(new MetricInput(model, [1, 2, 3, 4], new AttributionTarget.Token(5), [0.4f, 0.1f, 0.3f, 0.2f]));

        Assert.That(result.Flags, Is.EqualTo(new[] { SoftEvaluation.DegenerateS0 }));
        Assert.That(double.IsNaN(result.Value));
        Assert.That(double.IsNaN(result.Parts[PartKey.Parse("pi=0.5")]));
        Assert.That(result.Parts[PartKey.Parse("ss pi=0.5")], Is.EqualTo(1).Within(1e-9));
        Assert.That(result.Parts[PartKey.Parse("s0")], Is.EqualTo(1).Within(1e-9));
    }

    [Test]
    public void Pis_bind_from_a_list_and_out_of_range_pis_fail_naming_the_option()
    {
        var bound = MetricRegistry.Create(PiSoftMetric.SufficiencyName, new Dictionary<string, string> { ["pis"] = "0.25,0.75", ["samples"] = "2" });
        var result = bound.Evaluate(new MetricInput(gpt2, Gpt2Context, new AttributionTarget.Token(42), [.. Gpt2Scores, 0.2f]));

        Assert.That(result.Parts.Keys.Select(k => k.Format()), Does.Contain("pi=0.25").And.Contain("pi=0.75").And.Not.Contain("pi=0.5"));
        Assert.That(result.Cost.ForwardPasses, Is.EqualTo(1 + 1 + 2 * 2));
        Assert.That(MetricRegistry.Create(PiSoftMetric.ComprehensivenessName).Name, Is.EqualTo("pi_soft_nc"));
        foreach (var bad in new[] { "0,0.5", "0.5,1", "0.6,0.4" })
            Assert.That(() => MetricRegistry.Create("pi_soft_nc", new Dictionary<string, string> { ["pis"] = bad }),
                Throws.InstanceOf<ScoringException>().With.Message.Contains("pis=").And.Message.Contains("each in (0, 1), in increasing order"), bad);
        Assert.That(() => MetricRegistry.Create("pi_soft_ns", new Dictionary<string, string> { ["samples"] = "-1" }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("samples=-1"));
    }

    [Test]
    public void No_tensor_outlives_an_evaluation()
    {
        var input = new MetricInput(gpt2, Gpt2Context, new AttributionTarget.Span([42, 7]), Gpt2Scores) { Region = 1.., Memo = new ExampleMemo(), BatchSize = 4 };
        foreach (var metric in new IMetric[] { Ns(), Nc(new PiSoftOptions { Samples = 2 }) })
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
        from name in new[] { PiSoftMetric.SufficiencyName, PiSoftMetric.ComprehensivenessName }
        select new TestCaseData(architecture, name).SetName($"{name} on {architecture}");

    [TestCaseSource(nameof(Cases))]
    public void Runs_on_the_architecture_and_is_deterministic(string architecture, string name)
    {
        using var model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", architecture));
        var metric = MetricRegistry.Create(name, new Dictionary<string, string> { ["pis"] = "0.2,0.5,0.8" });
        foreach (AttributionTarget target in new AttributionTarget[] { new AttributionTarget.Token(42), new AttributionTarget.Span([42, 7]) })
        {
            var input = new MetricInput(model, Gpt2Context, target, Gpt2Scores) { Region = 1.., Seed = 11, BatchSize = 8 };

            var first = metric.Evaluate(input);
            var second = metric.Evaluate(input);

            Assert.That(first.Flags, Is.Empty, $"{target}");
            Assert.That(first.Parts.Values, Has.All.Matches<double>(double.IsFinite), $"{target}");
            Assert.That(first.Cost.ForwardPasses, Is.EqualTo(1 + 1 + 1 + 3), $"{target}: Q, S0 alone, the cached prefix, then the three pis");
            Assert.That(second.Value, Is.EqualTo(first.Value), "same seed, same device: the same value bit for bit");
        }
    }
}
