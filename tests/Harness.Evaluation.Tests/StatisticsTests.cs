using Harness.Data.Synthetic;
using Harness.Evaluation.Statistics;

namespace Harness.Evaluation.Tests;

/// <summary>The random-baseline log ratio, its paired bootstrap interval and the paired permutation test
/// (spec/metrics.md section 2; metrics issue item 2), on values whose answers are known.</summary>
[TestFixture]
[Fast]
public sealed class StatisticsTests
{
    [Test]
    public void SplitMix64_produces_the_published_sequence()
    {
        // Reference: Vigna's splitmix64.c seeded with 0.
        var random = new SplitMix64(0);
        Assert.That(random.NextUInt64(), Is.EqualTo(0xE220A8397B1DCDAFUL));
        Assert.That(random.NextUInt64(), Is.EqualTo(0x6E789E6AA1B965F4UL));
    }

    [Test]
    public void Next_stays_in_range_and_covers_it()
    {
        var random = new SplitMix64(3);
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++) counts[random.Next(7)]++;
        Assert.That(counts, Has.All.InRange(9_500, 10_500));
    }

    [Test]
    public void Log_ratio_is_zero_for_random_itself_and_log_two_for_twice_random()
    {
        double[] random = [0.1, 0.3, 0.2, 0.4];
        Assert.That(RandomBaselineRatio.LogRatio(random, random), Is.EqualTo(0));
        Assert.That(RandomBaselineRatio.LogRatio(random.Select(v => 2 * v).ToArray(), random), Is.EqualTo(Math.Log(2)).Within(1e-12));
        Assert.That(double.IsNaN(RandomBaselineRatio.LogRatio([0, 0], random[..2])), "no log of a zero mean");
    }

    [Test]
    public void A_constant_ratio_has_a_point_interval()
    {
        double[] random = [0.1, 0.3, 0.2, 0.4, 0.25];
        var interval = RandomBaselineRatio.Estimate(new PairedValues(random.Select(v => 3 * v).ToArray(), random), seed: 1);
        Assert.That(interval.Estimate, Is.EqualTo(Math.Log(3)).Within(1e-12));
        Assert.That(interval.Lower, Is.EqualTo(Math.Log(3)).Within(1e-12));
        Assert.That(interval.Upper, Is.EqualTo(Math.Log(3)).Within(1e-12));
    }

    [Test]
    public void The_bootstrap_interval_is_seeded_holds_the_estimate_and_narrows_with_more_examples()
    {
        var noise = new SplitMix64(9);
        double Draw() => (noise.NextUInt64() >> 11) * (1.0 / (1UL << 53));
        var small = new PairedValues(Enumerable.Range(0, 20).Select(_ => 1 + Draw()).ToArray(), Enumerable.Range(0, 20).Select(_ => 1 + Draw()).ToArray());
        var large = new PairedValues(Enumerable.Range(0, 500).Select(_ => 1 + Draw()).ToArray(), Enumerable.Range(0, 500).Select(_ => 1 + Draw()).ToArray());

        var first = RandomBaselineRatio.Estimate(small, seed: 5);
        var again = RandomBaselineRatio.Estimate(small, seed: 5);
        var other = RandomBaselineRatio.Estimate(small, seed: 6);
        var wide = first.Upper - first.Lower;
        var narrow = RandomBaselineRatio.Estimate(large, seed: 5) is var l ? l.Upper - l.Lower : 0;

        Assert.That(again, Is.EqualTo(first), "same seed, same interval bit for bit");
        Assert.That(other, Is.Not.EqualTo(first));
        Assert.That(first.Contains(first.Estimate));
        Assert.That(narrow, Is.LessThan(wide / 2), "25x the examples: about a fifth of the width");
    }

    [Test]
    public void Missing_values_are_dropped_in_pairs_and_counted()
    {
        var pairs = new PairedValues([1, double.NaN, 3, 4], [1, 2, double.PositiveInfinity, 2]);
        Assert.That(pairs.Values, Is.EqualTo(new double[] { 1, 4 }));
        Assert.That(pairs.Comparison, Is.EqualTo(new double[] { 1, 2 }));
        Assert.That(pairs.Dropped, Is.EqualTo(2));
        Assert.That(double.IsNaN(RandomBaselineRatio.Estimate(new PairedValues([double.NaN], [1]), 0).Estimate));
    }

    [Test]
    public void Quantiles_interpolate_as_numpy_does()
    {
        double[] sorted = [1, 2, 3, 4];
        Assert.That(PairedBootstrap.Quantile(sorted, 0.25), Is.EqualTo(1.75));
        Assert.That(PairedBootstrap.Quantile(sorted, 0.975), Is.EqualTo(3.925).Within(1e-12));
        Assert.That(PairedBootstrap.Quantile(sorted, 0), Is.EqualTo(1));
        Assert.That(PairedBootstrap.Quantile(sorted, 1), Is.EqualTo(4));
    }

    [Test]
    public void The_permutation_test_is_exact_on_few_pairs()
    {
        // Differences 1, 2, 3: of the 8 sign patterns only all-plus and all-minus reach |mean| >= 2.
        var result = PermutationTest.Run(new PairedValues([2, 3, 4], [1, 1, 1]), seed: 0);
        Assert.That(result.Exact);
        Assert.That(result.MeanDifference, Is.EqualTo(2));
        Assert.That(result.PValue, Is.EqualTo(0.25));
    }

    [Test]
    public void The_sampled_permutation_test_separates_a_real_difference_from_none()
    {
        var a = Enumerable.Range(0, 40).Select(i => 1.0 + 0.01 * i).ToArray();
        var shifted = PermutationTest.Run(new PairedValues(a.Select(v => v + 0.5).ToArray(), a), seed: 2, permutations: 2000);
        var alternating = PermutationTest.Run(new PairedValues(a.Select((v, i) => i % 2 == 0 ? v + 0.5 : v - 0.5).ToArray(), a), seed: 2, permutations: 2000);

        Assert.That(shifted.Exact, Is.False);
        Assert.That(shifted.PValue, Is.EqualTo(1.0 / 2001).Within(1e-12), "no sign pattern beats all-positive differences");
        Assert.That(alternating.PValue, Is.GreaterThan(0.99), "mean difference 0: every pattern is as extreme");
        Assert.That(PermutationTest.Run(new PairedValues(a, a.Reverse().ToArray()), seed: 2, permutations: 500),
            Is.EqualTo(PermutationTest.Run(new PairedValues(a, a.Reverse().ToArray()), seed: 2, permutations: 500)));
    }

    [Test]
    public void Holm_adjusts_p_values_step_down_as_R_p_adjust_does()
    {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02 (0.04 x 1 is lifted to 0.06: monotone).
        var adjusted = HolmCorrection.Adjust([0.01, 0.04, 0.03, 0.005]);

        Assert.That(adjusted, Is.EqualTo(new[] { 0.03, 0.06, 0.06, 0.02 }).Within(1e-15));
    }

    [Test]
    public void Holm_caps_at_one_and_leaves_missing_tests_out_of_the_count()
    {
        var adjusted = HolmCorrection.Adjust([0.02, double.NaN, 0.6]);

        Assert.Multiple(() =>
        {
            Assert.That(adjusted[0], Is.EqualTo(0.04).Within(1e-15), "m = 2: the NaN is no test");
            Assert.That(adjusted[1], Is.NaN);
            Assert.That(adjusted[2], Is.EqualTo(0.6).Within(1e-15));
            Assert.That(HolmCorrection.Adjust([0.5, 0.7]), Is.EqualTo(new[] { 1.0, 1.0 }));
        });
    }
}
