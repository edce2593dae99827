namespace Harness.Reporting.Comparison;

/// <summary>When `harness compare` calls a cell regressed.</summary>
/// <param name="Tolerance">How far (absolute, in the metric's units) the baseline mean may fall outside the run's interval before it counts.</param>
/// <param name="TimingRatio">The largest run/baseline ratio of mean wall time per attribution (or per benchmark) that passes.</param>
/// <param name="MinimumMilliseconds">Run timings whose baseline median is below this are too noisy to compare on shared machines and are reported, never flagged (benchmark means are always judged).</param>
/// <param name="PassRatio">The largest run/baseline ratio of mean forward + backward passes per attribution that passes; pass counts
/// are deterministic, so the default flags any increase.</param>
/// <param name="Level">The run's interval level.</param>
/// <param name="Resamples">Bootstrap resamples of the intervals.</param>
public sealed record ComparisonOptions(
    // Source: our choice; metric values of a deterministic run repeat exactly, so any real change is far above 0.01.
    double Tolerance = 0.01,
    // Source: our choice; wall time on shared CI machines varies by tens of percent, a doubling is a real slow-down.
    double TimingRatio = 2.0,
    // Source: measured here: two identical runs of the tiny GPT-2 fixture on a shared 2-core machine gave per-attribution
    // medians under 50 ms that differed up to 38x, while the ~300 ms ones stayed within 2x.
    double MinimumMilliseconds = 50.0,
    // Source: spec/metrics.md section 2 (95%, 1000 resamples).
    double Level = 0.95,
    int Resamples = 1000,
    // Source: our choice; the same code does the same passes, so any growth is a change in cost.
    double PassRatio = 1.0)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of its range.</summary>
    public void Validate()
    {
        if (!(Tolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "the tolerance is 0 or more");
        if (!(TimingRatio >= 1)) throw new ArgumentOutOfRangeException(nameof(TimingRatio), TimingRatio, "the timing ratio threshold is 1 or more");
        if (Level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Level), Level, "the level lies in (0, 1)");
        if (!(PassRatio >= 1)) throw new ArgumentOutOfRangeException(nameof(PassRatio), PassRatio, "the pass ratio threshold is 1 or more");
        if (Resamples < 1) throw new ArgumentOutOfRangeException(nameof(Resamples), Resamples, "at least one resample");
    }
}
