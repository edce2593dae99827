namespace Harness.Evaluation.Statistics;

/// <summary>A point estimate with a two-sided interval at <see cref="Level"/> (e.g. 0.95).</summary>
public sealed record ConfidenceInterval(double Estimate, double Lower, double Upper, double Level)
{
    /// <summary>True when <paramref name="value"/> lies in [Lower, Upper] (false for NaN bounds).</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>"estimate [lower, upper]" with four significant digits.</summary>
    public override string ToString() => FormattableString.Invariant($"{Estimate:G4} [{Lower:G4}, {Upper:G4}]");
}
