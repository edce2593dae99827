using System.Globalization;

namespace Harness.Reporting.Figures;

/// <summary>
/// The one colour scale of a heatmap figure, over every row's shares (a score divided by the sum of its row's |scores|):
/// sequential from white when no share is negative (Paul Tol's YlOrBr), diverging with white at 0 when some are (Tol's
/// BuRd: blue negative, red positive), both running to the largest |share| of the figure. Both schemes stay readable
/// under the common colour-vision deficiencies.
/// </summary>
public sealed record HeatmapScale(bool Signed, double Max)
{
    /// <summary>Source: Paul Tol, "Colour schemes" (2021), YlOrBr; its first stop lightened to white so a zero share is no colour.</summary>
    private static readonly string[] Sequential = ["#FFFFFF", "#FFF7BC", "#FEE391", "#FEC44F", "#FB9A29", "#EC7014", "#CC4C02", "#993404", "#662506"];

    /// <summary>Source: Paul Tol, "Colour schemes" (2021), BuRd, from -1 to 1 with white at 0.</summary>
    private static readonly string[] Diverging = ["#2166AC", "#4393C3", "#92C5DE", "#D1E5F0", "#FFFFFF", "#FDDBC7", "#F4A582", "#D6604D", "#B2182B"];

    /// <summary>The scale for <paramref name="shares"/>: signed when any is negative, up to the largest |share| (non-finite ones ignored).</summary>
    public static HeatmapScale For(IEnumerable<double> shares)
    {
        var finite = shares.Where(double.IsFinite).ToList();
        var max = finite.Select(Math.Abs).DefaultIfEmpty(0).Max();
        return new HeatmapScale(finite.Any(s => s < 0), max > 0 ? max : 1);
    }

    /// <summary>The lowest value of the scale: -Max when signed, else 0.</summary>
    public double Min => Signed ? -Max : 0;

    /// <summary>The colour of a share as #RRGGBB, clamped to the scale; NaN (no score) is white.</summary>
    public string Colour(double share)
    {
        if (!double.IsFinite(share)) return "#FFFFFF";
        var stops = Signed ? Diverging : Sequential;
        var t = Math.Clamp((share - Min) / (Max - Min), 0, 1) * (stops.Length - 1);
        var i = Math.Min((int)t, stops.Length - 2);
        var (a, b) = (Rgb(stops[i]), Rgb(stops[i + 1]));
        var f = t - i;
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(a.R, b.R, f):X2}{Mix(a.G, b.G, f):X2}{Mix(a.B, b.B, f):X2}");
    }

    /// <summary>Black or white, whichever reads better on <see cref="Colour"/> (relative luminance above or below 0.4).</summary>
    public string TextColour(double share)
    {
        var (r, g, b) = Rgb(Colour(share));
        return 0.2126 * Linear(r) + 0.7152 * Linear(g) + 0.0722 * Linear(b) > 0.4 ? "#000000" : "#FFFFFF";
    }

    /// <summary>Values for the colour bar's labels: its ends and middle.</summary>
    public IReadOnlyList<double> Ticks => [Min, (Min + Max) / 2, Max];

    /// <summary>Evenly spaced (value, colour) stops for drawing the colour bar as a gradient.</summary>
    public IReadOnlyList<(double Value, string Colour)> Stops(int count) =>
        Enumerable.Range(0, count).Select(i => Min + (Max - Min) * i / (count - 1)).Select(v => (v, Colour(v))).ToList();

    private static (int R, int G, int B) Rgb(string hex) =>
        (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));

    private static int Mix(int a, int b, double f) => (int)Math.Round(a + (b - a) * f);

    private static double Linear(int channel)
    {
        var c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
