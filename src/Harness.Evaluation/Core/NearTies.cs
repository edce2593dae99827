namespace Harness.Evaluation.Core;

/// <summary>
/// Values so close that float32 kernels on another device may order them the other way (DeviceAgreement,
/// README "Agreement across devices"): two values are near-tied when they differ by at most
/// <see cref="RelativeTolerance"/> times the largest magnitude of their series. Exact ties count: a tie on
/// one device can split on another.
/// </summary>
public static class NearTies
{
    /// <summary>Source: our choice, 100x the ~1e-6 relative difference of float32 model outputs between CPU and GPU kernels.</summary>
    public const double RelativeTolerance = 1e-4;

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> of a series whose largest magnitude is <paramref name="scale"/> are near-tied.</summary>
    public static bool Tied(double a, double b, double scale) => Math.Abs(a - b) <= RelativeTolerance * scale;

    /// <summary>The largest magnitude of a series, the scale its ties are measured on.</summary>
    public static double Scale(IEnumerable<double> values) => values.Select(Math.Abs).DefaultIfEmpty(0).Max();

    /// <summary>Pairs i &lt; j of <paramref name="values"/> that are near-tied, counting only pairs <paramref name="counted"/> accepts (all when null).</summary>
    public static int Pairs(IReadOnlyList<double> values, Func<int, int, bool>? counted = null)
    {
        var scale = Scale(values);
        var pairs = 0;
        for (var i = 0; i < values.Count; i++)
            for (var j = i + 1; j < values.Count; j++)
                if (Tied(values[i], values[j], scale) && (counted is null || counted(i, j))) pairs++;
        return pairs;
    }
}
