using System.Globalization;
using Harness.Evaluation.Statistics;

namespace Harness.Reporting.Tables;

/// <summary>A table entry: the estimate with its interval (NaN bounds when there is none, e.g. a single unit), the
/// number of examples it rests on, and its per-unit values, which pair it with another entry of its column for the
/// permutation test that decides the bold mark (<see cref="ColumnBest"/>).</summary>
public sealed record TableValue(double Estimate, double Lower, double Upper)
{
    /// <summary>Entries from fewer examples carry <see cref="UnreliableMark"/> on their interval (issue 24, item 3):
    /// a percentile bootstrap interval is too narrow on small samples (Hesterberg 2015, "What teachers should know
    /// about the bootstrap": narrowness bias), and with 3 examples it has at most 10 distinct resample means, so
    /// near-constant values print as a point such as [2.44, 2.44].</summary>
    public const int ReliableExamples = 10;

    /// <summary>The dagger after an unreliable interval; the table's caption says what it means.</summary>
    public const string UnreliableMark = "\u2020";

    private static readonly IReadOnlyDictionary<string, double> NoUnits = new Dictionary<string, double>();

    /// <summary>Distinct examples behind the entry (seeds and generated positions of one example count once); 0 when not known.</summary>
    public int Examples { get; init; }

    /// <summary>Unit key (<see cref="Results.MetricSamples"/>: seed/example#step) -> finite value the estimate rests on.</summary>
    public IReadOnlyDictionary<string, double> Units { get; init; } = NoUnits;

    /// <summary>Whether both bounds are finite.</summary>
    public bool HasInterval => double.IsFinite(Lower) && double.IsFinite(Upper);

    /// <summary>An interval from fewer than <see cref="ReliableExamples"/> examples, or from an unknown number.</summary>
    public bool IntervalUnreliable => HasInterval && Examples < ReliableExamples;

    /// <summary>The estimate and bounds of <paramref name="interval"/> (examples and units unset).</summary>
    public static TableValue From(ConfidenceInterval interval) => new(interval.Estimate, interval.Lower, interval.Upper);

    /// <summary>"0.12 [0.08, 0.15]", with a dagger when the interval is unreliable; the estimate alone without an
    /// interval; "n/a" when there is no estimate.</summary>
    public string Format(int digits)
    {
        if (!double.IsFinite(Estimate)) return "n/a";
        var estimate = Number(Estimate, digits);
        if (!HasInterval) return estimate;
        return $"{estimate} [{Number(Lower, digits)}, {Number(Upper, digits)}]" + (IntervalUnreliable ? UnreliableMark : "");
    }

    /// <paramref name="value"/> with <paramref name="digits"/> decimals, culture-invariant.
    public static string Number(double value, int digits) => value.ToString("F" + digits, CultureInfo.InvariantCulture);
}
