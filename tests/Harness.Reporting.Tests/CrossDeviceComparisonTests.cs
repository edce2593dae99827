using Harness.Evaluation.Core;
using Harness.Evaluation.ContextAttribution;
using Harness.Evaluation.Devices;
using Harness.Reporting.Comparison;
using Harness.Reporting.Results;

namespace Harness.Reporting.Tests;

/// <summary>
/// `harness compare` between a CPU baseline and a GPU run (Harness.Evaluation README, "Agreement across devices"):
/// the same device keeps the interval rule; differing devices judge every unit by its metric's DeviceAgreement
/// rule, accepting what near-ties and mask flips explain and flagging what they do not.
/// </summary>
[Fast]
public sealed class CrossDeviceComparisonTests
{
    // The quickstart's LDS: 16 masks, so one swapped near-tied pair moves rho by up to 12 / (16 x 17) = 0.044.
    private static readonly Dictionary<PartKey, double> OneNearTie = new() { [Lds.MasksPart] = 16, [Lds.NearTiesPart] = 1 };
    private static readonly Dictionary<PartKey, double> NoNearTie = new() { [Lds.MasksPart] = 16, [Lds.NearTiesPart] = 0 };
    private static readonly float[][] OneExample = [[0.5f, 0.3f, 0.1f]];
    private static readonly float[][] FourExamples = [[0.5f, 0.3f, 0.1f], [0.2f, 0.6f, 0.4f], [0.9f, 0.1f, 0.5f], [0.3f, 0.7f, 0.2f]];

    private TemporaryFolder folder = null!;
    private int stores;

    [SetUp]
    public void CreateFolder() => folder = new TemporaryFolder();

    [TearDown]
    public void Delete() => folder.Dispose();

    private RunResults Run(string device, IReadOnlyList<float[]> scores, DeviceRun.Metric metric) =>
        RunResults.Load(DeviceRun.Create(folder.Combine($"run{stores++}"), device, scores, metric));

    private static MetricComparison Only(ComparisonResult result, string metric) => result.Metrics.Single(m => m.Metric == metric);

    [Test]
    public void On_the_same_device_a_2_percent_lds_change_regresses_by_the_interval_rule_as_before()
    {
        var baseline = Run("cpu", OneExample, new("lds", [0.8], OneNearTie));
        var run = Run("cpu", OneExample, new("lds", [0.816], OneNearTie));

        var result = RunComparison.Compare(run, baseline, new ComparisonOptions());

        Assert.Multiple(() =>
        {
            Assert.That(Only(result, "lds").Regressed, Is.True, "0.016 apart, beyond the 0.01 tolerance; the near-tie count is not consulted");
            Assert.That(Only(result, "lds").Devices, Is.Null);
            Assert.That(result.DeviceDifferences, Is.Empty);
            Assert.That(result.DeviceRule, Is.Null);
        });
    }

    [Test]
    public void Across_devices_an_lds_change_within_its_near_tie_bound_passes_and_names_the_devices()
    {
        var baseline = Run("cpu", OneExample, new("lds", [0.8], OneNearTie));
        var run = Run("cuda:0", OneExample, new("lds", [0.84], OneNearTie));

        var result = RunComparison.Compare(run, baseline, new ComparisonOptions());

        Assert.Multiple(() =>
        {
            Assert.That(result.Regressed, Is.False, "0.04 is within one near-tied pair's 0.044");
            Assert.That(Only(result, "lds").Devices, Is.EqualTo(new DeviceVerdict(1, 0, 1, 0, 0)));
            Assert.That(result.DeviceDifferences, Is.EqualTo(new[] { new DeviceDifference("tiny-gpt2", "cpu", "cuda:0") }));
            Assert.That(result.DeviceRule, Does.StartWith("devices differ (tiny-gpt2: baseline cpu, run cuda:0)").And.Contain("not the interval rule"));
        });
    }

    [Test]
    public void Across_devices_an_lds_change_that_near_ties_do_not_explain_regresses()
    {
        var baseline = Run("cpu", OneExample, new("lds", [0.8], OneNearTie));
        var beyondTheBound = Run("cuda", OneExample, new("lds", [0.6], OneNearTie));
        var baselineWithoutTies = Run("cpu", OneExample, new("lds", [0.8], NoNearTie));
        var withoutTies = Run("cuda", OneExample, new("lds", [0.816], NoNearTie));

        Assert.Multiple(() =>
        {
            Assert.That(Only(RunComparison.Compare(beyondTheBound, baseline, new ComparisonOptions()), "lds").Devices!.Disagreements, Is.EqualTo(1));
            Assert.That(RunComparison.Compare(beyondTheBound, baseline, new ComparisonOptions()).Regressed, Is.True);
            Assert.That(RunComparison.Compare(withoutTies, baselineWithoutTies, new ComparisonOptions()).Regressed, Is.True, "no near-tied pair, no room");
        });
    }

    [Test]
    public void Across_devices_one_pi_soft_nc_unit_moved_10_percent_is_a_mask_flip_and_passes()
    {
        double[] values = [0.5, 0.4, 0.6, 0.3];
        var baseline = Run("cpu", FourExamples, new("pi_soft_nc", values));
        var run = Run("cuda", FourExamples, new("pi_soft_nc", [0.55, 0.4 * (1 + 1e-6), 0.6, 0.3]));

        var result = RunComparison.Compare(run, baseline, new ComparisonOptions());

        Assert.Multiple(() =>
        {
            Assert.That(result.Regressed, Is.False);
            Assert.That(Only(result, "pi_soft_nc").Devices, Is.EqualTo(new DeviceVerdict(4, 3, 0, 1, 0)));
            Assert.That(RunComparison.Compare(run, Run("cpu", FourExamples, new("pi_soft_nc", values)), new ComparisonOptions()).Regressed,
                Is.False, "the same stores compare the same way twice");
        });
    }

    [Test]
    public void Across_devices_soft_changes_beyond_the_flip_band_or_in_many_units_regress()
    {
        var baseline = Run("cpu", FourExamples, new("pi_soft_nc", [0.5, 0.4, 0.6, 0.3]));
        var tooFar = Run("cuda", FourExamples, new("pi_soft_nc", [0.65, 0.4, 0.6, 0.3]));
        var everyUnit = Run("cuda", FourExamples, new("pi_soft_nc", [0.55, 0.44, 0.66, 0.33]));

        Assert.Multiple(() =>
        {
            Assert.That(Only(RunComparison.Compare(tooFar, baseline, new ComparisonOptions()), "pi_soft_nc").Regressed, Is.True, "30% is beyond the 15% band");
            var many = Only(RunComparison.Compare(everyUnit, baseline, new ComparisonOptions()), "pi_soft_nc");
            Assert.That(many.Regressed, Is.True, "a real change moves every unit; float noise flips a mask in few");
            Assert.That(many.Devices, Is.EqualTo(new DeviceVerdict(4, 0, 0, 4, 3)));
        });
    }

    [Test]
    public void Across_devices_a_top_k_drop_change_passes_only_when_near_tied_scores_swapped()
    {
        // 0.3 and 0.30002 are 2e-5 apart, within 1e-4 of the largest score 0.5: near-tied. Top-1 keeps
        // the first source either way, top-2 takes the second or the third.
        float[][] baselineScores = [[0.5f, 0.30002f, 0.3f, 0.1f]];
        float[][] swapped = [[0.5f, 0.3f, 0.30002f, 0.1f]];
        float[][] reordered = [[0.1f, 0.30002f, 0.3f, 0.5f]];
        var baseline = Run("cpu", baselineScores, new("top_k_drop", [1.2]));

        Assert.Multiple(() =>
        {
            var throughTies = Only(RunComparison.Compare(Run("cuda", swapped, new("top_k_drop", [1.5])), baseline, new ComparisonOptions()), "top_k_drop");
            Assert.That(throughTies.Regressed, Is.False);
            Assert.That(throughTies.Devices!.ThroughTies, Is.EqualTo(1));
            Assert.That(RunComparison.Compare(Run("cuda", baselineScores, new("top_k_drop", [1.5])), baseline, new ComparisonOptions()).Regressed,
                Is.True, "the same order selects the same sources, so the value must agree");
            Assert.That(RunComparison.Compare(Run("cuda", reordered, new("top_k_drop", [1.5])), baseline, new ComparisonOptions()).Regressed,
                Is.True, "0.5 and 0.1 swapped: not a near-tie");
            Assert.That(RunComparison.Compare(Run("cuda", swapped, new("top_k_drop", [1.2 + 1e-5])), baseline, new ComparisonOptions()).Regressed,
                Is.False, "within the tolerance");
        });
    }

    [Test]
    public void Markdown_and_HTML_carry_the_device_line_and_each_verdict()
    {
        var baseline = Run("cpu", OneExample, new("lds", [0.8], OneNearTie));
        var result = RunComparison.Compare(Run("cuda", OneExample, new("lds", [0.84], OneNearTie)), baseline, new ComparisonOptions());

        var (markdown, html) = ComparisonHtml.WriteBoth(result, folder.Combine("comparison"));

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(markdown), Does.Contain("- devices differ (tiny-gpt2: baseline cpu, run cuda)")
                .And.Contain("ok (across devices: 0/1 units within tolerance, 1 through near-ties"));
            Assert.That(File.ReadAllText(html), Does.Contain("<p id=\"devices\">devices differ (tiny-gpt2: baseline cpu, run cuda)"));
            Assert.That(DeviceAgreement.For("lds").Ties, Is.EqualTo(DeviceTies.SpearmanPairs));
        });
    }
}
