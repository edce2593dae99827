using System.Globalization;

namespace Harness.Reporting.Figures;

/// <summary>
/// The colours of Captum's plot_token_attr (captum/attr/_core/llm_attr.py): its nine colours from -max|score| (dark red)
/// through white at 0 to +max|score| (dark blue) as matplotlib's LinearSegmentedColormap.from_list makes them (a
/// 256-entry table, colors._create_lookup_table with gamma 1), read as Colormap.__call__ reads it; the range as the
/// colour bar leaves it (transforms.nonsingular widens an all-zero plot to +-0.1); a cell's text black when its
/// normalised value lies strictly between 0.2 and 0.8, else white. matplotlib 3.6.3.
/// </summary>
internal static class CaptumColours
{
    /// <summary>Source: Captum's plot_token_attr, first to last.</summary>
    private static readonly string[] Stops = ["#93003a", "#d0365b", "#f57789", "#ffbdc3", "#ffffff", "#a4d6e1", "#73a3ca", "#4772b3", "#00429d"];

    /// <summary>Source: matplotlib's LinearSegmentedColormap.from_list default N (rcParams["image.lut"]).</summary>
    private const int Entries = 256;

    /// <summary>numpy's finfo(float).tiny, the smallest normal double, which nonsingular's threshold scales.</summary>
    private const double SmallestNormal = 2.2250738585072014E-308;

    private static readonly (double R, double G, double B)[] Table = LookupTable();

    /// <summary>The colour range of a plot whose largest |score| is <paramref name="maxAbs"/>: (-max, max), widened as
    /// matplotlib's nonsingular(expander=0.1) widens it when max is 0, not finite, or within rounding of 0.</summary>
    public static (double Min, double Max) Range(double maxAbs)
    {
        // nonsingular(vmin, vmax, expander=0.1, tiny=1e-15): both ends within (1e6 / tiny) * finfo.tiny of 0.
        if (!double.IsFinite(maxAbs) || maxAbs < 1e6 / 1e-15 * SmallestNormal) return (-0.1, 0.1);
        return (-maxAbs, maxAbs);
    }

    /// <summary>matplotlib's Normalize: (value - min) / (max - min).</summary>
    public static double Normalise(double value, (double Min, double Max) range) => (value - range.Min) / (range.Max - range.Min);

    /// <summary>The colour of a normalised value as red, green and blue in [0, 1]; null for NaN (matplotlib's "bad"
    /// colour is transparent, so the figure's white shows).</summary>
    public static (double R, double G, double B)? Rgb(double normalised)
    {
        if (double.IsNaN(normalised)) return null;
        // Colormap.__call__: x * N truncated; x == 1 is the last entry; below 0 and above 1 take the end colours.
        var x = normalised * Entries;
        var index = x < 0 ? 0 : x >= Entries ? Entries - 1 : (int)x;
        return Table[index];
    }

    /// <summary><see cref="Rgb"/> as #rrggbb (each channel rounded to the nearest of 256 levels); white for NaN.</summary>
    public static string Hex(double normalised) =>
        Rgb(normalised) is var (r, g, b)
            ? string.Create(CultureInfo.InvariantCulture, $"#{Byte(r):x2}{Byte(g):x2}{Byte(b):x2}")
            : "#ffffff";

    /// <summary>The cell text's colour: "#000000" (black) when 0.2 &lt; normalised &lt; 0.8, else "#ffffff" (white).</summary>
    public static string TextColour(double normalised) => normalised is > 0.2 and < 0.8 ? "#000000" : "#ffffff";

    /// <summary>colors._create_lookup_table(256, stops at linspace(0, 1, 9), gamma 1): entry i at 255 * linspace(0, 1, 256)[i]
    /// on the stops' scale 255 * k / 8, linear between the two stops around it, in numpy's order of operations.</summary>
    private static (double R, double G, double B)[] LookupTable()
    {
        var colours = Stops.Select(s => (R: Channel(s, 1), G: Channel(s, 3), B: Channel(s, 5))).ToArray();
        var nodes = Enumerable.Range(0, Stops.Length).Select(k => k * (1.0 / (Stops.Length - 1)) * (Entries - 1)).ToArray();
        var step = 1.0 / (Entries - 1);
        var table = new (double R, double G, double B)[Entries];
        table[0] = colours[0];
        table[^1] = colours[^1];
        for (var i = 1; i < Entries - 1; i++)
        {
            var x = (Entries - 1) * (i * step);
            var k = Array.FindIndex(nodes, n => n >= x); // np.searchsorted, side "left"
            var distance = (x - nodes[k - 1]) / (nodes[k] - nodes[k - 1]);
            double Mix(double a, double b) => Math.Clamp(distance * (b - a) + a, 0, 1);
            table[i] = (Mix(colours[k - 1].R, colours[k].R), Mix(colours[k - 1].G, colours[k].G), Mix(colours[k - 1].B, colours[k].B));
        }

        return table;
    }

    /// <summary>matplotlib's to_rgba for "#rrggbb": int(pair, 16) / 255.</summary>
    private static double Channel(string hex, int start) => Convert.ToInt32(hex.Substring(start, 2), 16) / 255.0;

    private static int Byte(double channel) => (int)Math.Round(channel * 255);
}
