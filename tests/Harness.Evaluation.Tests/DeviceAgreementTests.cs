using Harness.Evaluation.Core;
using Harness.Evaluation.Devices;

namespace Harness.Evaluation.Tests;

/// <summary>The cross-device agreement table (README "Agreement across devices"): one rule per registered metric,
/// and the unit verdicts every rule shares.</summary>
[TestFixture]
[Fast]
public sealed class DeviceAgreementTests
{
    private static DeviceUnit Unit(double value, float[]? scores = null) => new(value, new Dictionary<PartKey, double>(), scores ?? [0.5f, 0.3f]);

    [Test]
    public void Every_built_in_metric_declares_where_its_value_can_move_between_devices()
    {
        Assert.That(MetricRegistry.BuiltIn.Where(d => d.DeviceTies == DeviceTies.None).Select(d => d.Name), Is.Empty);
        Assert.That(DeviceAgreement.Rules.Select(r => r.Metric), Is.EquivalentTo(MetricRegistry.BuiltIn.Select(e => e.Name)));
    }

    [Test]
    public void Float_noise_agrees_and_nan_agrees_only_with_nan()
    {
        var rule = DeviceAgreement.For("soft_ns");
        Assert.Multiple(() =>
        {
            Assert.That(DeviceAgreement.Judge(rule, Unit(0.5 * (1 + 1e-6)), Unit(0.5)), Is.EqualTo(UnitAgreement.WithinTolerance));
            Assert.That(DeviceAgreement.Judge(rule, Unit(double.NaN), Unit(double.NaN)), Is.EqualTo(UnitAgreement.WithinTolerance));
            Assert.That(DeviceAgreement.Judge(rule, Unit(double.NaN), Unit(0.5)), Is.EqualTo(UnitAgreement.Disagrees), "degenerate on one device only");
        });
    }

    [Test]
    public void A_metric_without_a_row_gets_the_tolerance_alone()
    {
        var rule = DeviceAgreement.For("new_metric");
        Assert.Multiple(() =>
        {
            Assert.That(rule.Ties, Is.EqualTo(DeviceTies.None));
            Assert.That(DeviceAgreement.Judge(rule, Unit(0.55, [0.3f, 0.5f]), Unit(0.5)), Is.EqualTo(UnitAgreement.Disagrees));
        });
    }

    [Test]
    public void A_cell_may_hold_one_mask_flip_or_five_percent_of_its_units()
    {
        UnitAgreement[] Units(int flips, int total) => [.. Enumerable.Repeat(UnitAgreement.MaskFlip, flips), .. Enumerable.Repeat(UnitAgreement.WithinTolerance, total - flips)];
        Assert.Multiple(() =>
        {
            Assert.That(DeviceAgreement.Disagreements(Units(1, 3)), Is.Zero);
            Assert.That(DeviceAgreement.Disagreements(Units(2, 3)), Is.EqualTo(1));
            Assert.That(DeviceAgreement.Disagreements(Units(5, 100)), Is.Zero);
            Assert.That(DeviceAgreement.Disagreements(Units(6, 100)), Is.EqualTo(1));
        });
    }
}
