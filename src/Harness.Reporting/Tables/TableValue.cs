using System.Globalization;
using Harness.Evaluation.Statistics;

namespace Harness.Reporting.Tables;

/// <summary>A table entry: the estimate with its interval (NaN bounds when there is none, e.g. a single unit).</summary>
public sealed record TableValue(double Estimate, double Lower, double Upper)
{
    public static TableValue From(ConfidenceInterval interval) => new(interval.Estimate, interval.Lower, interval.Upper);

    /// <summary>"0.12 [0.08, 0.15]"; the estimate alone without an interval; "n/a" when there is no estimate.</summary>
    public string Format(int digits)
    {
        if (!double.IsFinite(Estimate)) return "n/a";
        var estimate = Number(Estimate, digits);
        return double.IsFinite(Lower) && double.IsFinite(Upper) ? $"{estimate} [{Number(Lower, digits)}, {Number(Upper, digits)}]" : estimate;
    }

    public static string Number(double value, int digits) => value.ToString("F" + digits, CultureInfo.InvariantCulture);
}
