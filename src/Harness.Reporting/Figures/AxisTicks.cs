using System.Globalization;

namespace Harness.Reporting.Figures;

/// <summary>Where a chart puts its tick labels: at the swept setting's own values when there are few (k = 1, 2 reads
/// "1, 2", never "1.0, 1.4, 1.8"), and on a log axis at 1-2-5 steps or whole decades.</summary>
internal static class AxisTicks
{
    /// <summary>Source: our choice; more labels than this crowd a 380-pixel panel.</summary>
    public const int MaxValueTicks = 12;

    public sealed record Tick(double Position, string Label);

    /// <summary>Ticks at the distinct values themselves, or null when there are too many (then integer-only automatic
    /// ticks where every value is an integer, see <see cref="AllIntegers"/>).</summary>
    public static IReadOnlyList<Tick>? AtValues(IEnumerable<double> values)
    {
        var distinct = values.Where(double.IsFinite).Distinct().Order().ToList();
        return distinct.Count is 0 or > MaxValueTicks ? null : distinct.Select(v => new Tick(v, Format(v))).ToList();
    }

    public static bool AllIntegers(IEnumerable<double> values) => values.Where(double.IsFinite).All(v => v == Math.Round(v));

    /// <summary>Ticks for a log10 axis covering [min, max] (both > 0): positions are log10 of the value, labels the value.
    /// The ticks run from the 1-2-5 value at or below min to the one at or above max (so there are always at least two, and
    /// the axis should span them), keeping only whole decades when that makes more than eight.</summary>
    public static IReadOnlyList<Tick> Log(double min, double max)
    {
        var candidates = Enumerable.Range((int)Math.Floor(Math.Log10(min)) - 1, (int)Math.Ceiling(Math.Log10(max)) - (int)Math.Floor(Math.Log10(min)) + 3)
            .SelectMany(e => new[] { 1, 2, 5 }.Select(s => s * Math.Pow(10, e)))
            .ToList();
        var low = candidates.Where(c => c <= min * 1.000001).Max();
        var high = candidates.Where(c => c >= max * 0.999999).Min();
        var ticks = candidates.Where(c => c >= low && c <= high).ToList();
        if (ticks.Count > 8) ticks = ticks.Where(c => Math.Abs(Math.Log10(c) - Math.Round(Math.Log10(c))) < 1e-9 || c == low || c == high).ToList();
        return ticks.Select(v => new Tick(Math.Log10(v), Format(v))).ToList();
    }

    /// <summary>Shortest invariant form: 1, 0.25, 1000 (not 1E+03).</summary>
    public static string Format(double value) => Math.Abs(value) >= 1e5 ? value.ToString("0.#E+0", CultureInfo.InvariantCulture) : value.ToString("0.####", CultureInfo.InvariantCulture);
}
