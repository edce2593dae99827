namespace Harness.Reporting.Comparison;

/// <summary>When `harness compare` calls a cell regressed.</summary>
/// <param name="Tolerance">How far (absolute, in the metric's units) the baseline mean may fall outside the run's interval before it counts.</param>
/// <param name="TimingRatio">The largest run/baseline ratio of mean wall time per attribution (or per benchmark) that passes.</param>
/// <param name="MinimumMilliseconds">Timings whose baseline is below this are too small to compare on shared machines and are reported, never flagged.</param>
/// <param name="Level">The run's interval level.</param>
/// <param name="Resamples">Bootstrap resamples of the intervals.</param>
public sealed record ComparisonOptions(
    // Source: our choice; metric values of a deterministic run repeat exactly, so any real change is far above 0.01.
    double Tolerance = 0.01,
    // Source: our choice; wall time on shared CI machines varies by tens of percent, a doubling is a real slow-down.
    double TimingRatio = 2.0,
    // Source: our choice; below a millisecond the timer and scheduler noise dominate.
    double MinimumMilliseconds = 1.0,
    // Source: spec/metrics.md section 2 (95%, 1000 resamples).
    double Level = 0.95,
    int Resamples = 1000)
{
    public void Validate()
    {
        if (!(Tolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "the tolerance is 0 or more");
        if (!(TimingRatio >= 1)) throw new ArgumentOutOfRangeException(nameof(TimingRatio), TimingRatio, "the timing ratio threshold is 1 or more");
        if (Level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Level), Level, "the level lies in (0, 1)");
        if (Resamples < 1) throw new ArgumentOutOfRangeException(nameof(Resamples), Resamples, "at least one resample");
    }
}
