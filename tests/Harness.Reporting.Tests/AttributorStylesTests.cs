using Harness.Reporting.Figures;

namespace Harness.Reporting.Tests;

/// <summary>Up to 20 attributors stay apart in every chart: a colour and a marker each, fixed by the run's order.</summary>
[Fast]
public sealed class AttributorStylesTests
{
    private static readonly string[] Twenty = Enumerable.Range(0, 20).Select(i => $"method_{i}").ToArray();

    [Test]
    public void Twenty_attributors_get_twenty_distinct_colour_and_marker_pairs()
    {
        var styles = new AttributorStyles(Twenty);

        Assert.That(Twenty.Select(styles.Of).Distinct().Count(), Is.EqualTo(20));
    }

    [Test]
    public void The_first_nine_attributors_differ_in_colour_alone()
    {
        var styles = new AttributorStyles(Twenty);

        Assert.That(Twenty.Take(9).Select(a => styles.Of(a).Colour).Distinct().Count(), Is.EqualTo(9));
    }

    [Test]
    public void The_palette_colours_and_markers_are_distinct_and_the_random_baseline_is_neither()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AttributorStyles.Palette, Is.Unique);
            Assert.That(AttributorStyles.Markers, Is.Unique);
            Assert.That(AttributorStyles.Palette, Does.Not.Contain(AttributorStyles.Random.Colour));
            Assert.That(AttributorStyles.Markers, Does.Not.Contain(AttributorStyles.Random.Marker));
        });
    }

    [Test]
    public void A_style_depends_on_the_run_order_only_and_random_keeps_its_grey()
    {
        var first = new AttributorStyles(["random", "attention", "occlusion"]);
        var again = new AttributorStyles(["attention", "random", "occlusion"]);

        Assert.Multiple(() =>
        {
            Assert.That(first.Of("occlusion"), Is.EqualTo(again.Of("occlusion")));
            Assert.That(first.Of("random"), Is.EqualTo(AttributorStyles.Random));
            Assert.That(first.Of("attention"), Is.Not.EqualTo(first.Of("occlusion")));
        });
    }

    [Test]
    public void A_series_the_run_did_not_list_gets_a_style_of_its_own()
    {
        var styles = new AttributorStyles(["attention", "occlusion"]);

        var extra = styles.Of("lime");

        Assert.That(extra, Is.Not.EqualTo(styles.Of("attention")).And.Not.EqualTo(styles.Of("occlusion")));
        Assert.That(styles.Of("lime"), Is.EqualTo(extra), "and keeps it");
    }
}
