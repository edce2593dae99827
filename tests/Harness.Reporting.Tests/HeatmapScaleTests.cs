using Harness.Reporting.Figures;

namespace Harness.Reporting.Tests;

/// <summary>A heatmap's one scale: sequential from white for shares that are never negative, diverging with white at 0 otherwise.</summary>
[Fast]
public sealed class HeatmapScaleTests
{
    [Test]
    public void Non_negative_shares_get_a_sequential_scale_from_white_at_zero_to_the_largest_share()
    {
        var scale = HeatmapScale.For([0, 0.1, 0.4, double.NaN]);

        Assert.Multiple(() =>
        {
            Assert.That(scale.Signed, Is.False);
            Assert.That((scale.Min, scale.Max), Is.EqualTo((0.0, 0.4)));
            Assert.That(scale.Colour(0), Is.EqualTo("#FFFFFF"));
            Assert.That(scale.Colour(0.4), Is.EqualTo("#662506"), "the darkest YlOrBr stop");
            Assert.That(scale.Ticks, Is.EqualTo(new[] { 0, 0.2, 0.4 }));
        });
    }

    [Test]
    public void Signed_shares_get_a_diverging_scale_centred_on_zero()
    {
        var scale = HeatmapScale.For([-0.1, 0.3]);

        Assert.Multiple(() =>
        {
            Assert.That(scale.Signed, Is.True);
            Assert.That((scale.Min, scale.Max), Is.EqualTo((-0.3, 0.3)), "symmetric, so 0 is the middle");
            Assert.That(scale.Colour(0), Is.EqualTo("#FFFFFF"));
            Assert.That(scale.Colour(-0.3), Is.EqualTo("#2166AC"), "blue end");
            Assert.That(scale.Colour(0.3), Is.EqualTo("#B2182B"), "red end");
        });
    }

    [Test]
    public void Colours_grow_darker_with_the_share_and_text_turns_white_on_the_darkest()
    {
        var scale = HeatmapScale.For([0, 1]);

        Assert.That(Lightness(scale.Colour(0.25)), Is.GreaterThan(Lightness(scale.Colour(0.5))));
        Assert.That(Lightness(scale.Colour(0.5)), Is.GreaterThan(Lightness(scale.Colour(1))));
        Assert.That(scale.TextColour(0), Is.EqualTo("#000000"));
        Assert.That(scale.TextColour(1), Is.EqualTo("#FFFFFF"));
    }

    [Test]
    public void Shares_outside_the_scale_are_clamped_and_no_score_is_white()
    {
        var scale = HeatmapScale.For([0, 0.5]);

        Assert.That(scale.Colour(2), Is.EqualTo(scale.Colour(0.5)));
        Assert.That(scale.Colour(double.NaN), Is.EqualTo("#FFFFFF"));
    }

    [Test]
    public void A_row_share_is_its_score_over_the_sum_of_the_rows_absolute_scores()
    {
        var row = new HeatmapSpec.Row("saliency", [1, -3, double.NaN, 0]);

        Assert.That(row.Shares.Take(2), Is.EqualTo(new[] { 0.25, -0.75 }));
        Assert.That(row.Shares[2], Is.NaN);
        Assert.That(new HeatmapSpec.Row("zero", [0, 0]).Shares, Is.EqualTo(new[] { 0.0, 0.0 }));
    }

    private static int Lightness(string hex) => Convert.ToInt32(hex[1..3], 16) + Convert.ToInt32(hex[3..5], 16) + Convert.ToInt32(hex[5..7], 16);
}
