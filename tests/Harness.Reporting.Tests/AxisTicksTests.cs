using Harness.Reporting.Figures;

namespace Harness.Reporting.Tests;

/// <summary>Tick labels sit at the values a figure sweeps: integers read as integers, a log axis at 1-2-5 steps.</summary>
[Fast]
public sealed class AxisTicksTests
{
    [Test]
    public void Integer_settings_are_labelled_as_integers_at_their_own_values()
    {
        var ticks = AxisTicks.AtValues([2, 1, 2, 1])!;

        Assert.That(ticks.Select(t => t.Label), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(ticks.Select(t => t.Position), Is.EqualTo(new[] { 1.0, 2.0 }));
    }

    [Test]
    public void Keep_fractions_keep_their_decimals()
    {
        var ticks = AxisTicks.AtValues(Enumerable.Range(1, 9).Select(i => i / 10.0))!;

        Assert.That(ticks.Select(t => t.Label), Is.EqualTo(new[] { "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9" }));
    }

    [Test]
    public void Too_many_values_leave_the_ticks_to_the_axis_but_say_whether_they_are_integers()
    {
        var steps = Enumerable.Range(1, 40).Select(i => i * 25.0).ToList();

        Assert.That(AxisTicks.AtValues(steps), Is.Null);
        Assert.That(AxisTicks.AllIntegers(steps), Is.True);
        Assert.That(AxisTicks.AllIntegers([1, 1.5]), Is.False);
    }

    [Test]
    public void A_log_axis_under_three_decades_is_labelled_at_one_two_five_from_below_the_least_to_above_the_most()
    {
        var ticks = AxisTicks.Log(15, 1400);

        Assert.That(ticks.Select(t => t.Label), Is.EqualTo(new[] { "10", "20", "50", "100", "200", "500", "1000", "2000" }));
        Assert.That(ticks[0].Position, Is.EqualTo(1.0).Within(1e-12), "positions are log10 of the value");
    }

    [Test]
    public void A_log_axis_over_many_decades_keeps_whole_decades_and_its_ends()
    {
        var ticks = AxisTicks.Log(3, 40000);

        Assert.That(ticks.Select(t => t.Label), Is.EqualTo(new[] { "2", "10", "100", "1000", "10000", "50000" }));
    }

    [Test]
    public void A_narrow_log_range_still_gets_two_ticks_around_it()
    {
        Assert.That(AxisTicks.Log(3, 4).Select(t => t.Label), Is.EqualTo(new[] { "2", "5" }));
    }
}
