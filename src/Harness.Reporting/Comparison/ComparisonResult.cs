using Harness.Evaluation.Devices;

namespace Harness.Reporting.Comparison;

/// <summary>Everything `harness compare` found; <see cref="Regressed"/> decides the exit code.</summary>
public sealed record ComparisonResult(
    string RunFolder, string BaselineFolder, ComparisonOptions Options,
    IReadOnlyList<MetricComparison> Metrics, IReadOnlyList<TimingComparison> Timings, IReadOnlyList<PassComparison> Passes, IReadOnlyList<CellProblem> Problems)
{
    /// <summary>Models whose device differs between the runs; their metrics are judged by DeviceAgreement.</summary>
    public IReadOnlyList<DeviceDifference> DeviceDifferences { get; init; } = [];

    /// <summary>One line naming the differing devices and the rule applied to their metrics; null when the devices agree.</summary>
    public string? DeviceRule => DeviceDifferences.Count == 0 ? null :
        $"devices differ ({string.Join("; ", DeviceDifferences.Select(d => $"{d.Model}: baseline {d.BaselineDevice}, run {d.RunDevice}"))}): " +
        FormattableString.Invariant($"their metrics are judged per unit by the cross-device agreement rules (Harness.Evaluation README), not the interval rule: ") +
        FormattableString.Invariant($"within {DeviceAgreement.AbsoluteTolerance} + {DeviceAgreement.RelativeTolerance} x |value|, or apart only through near-tied scores (ranking metrics), ") +
        FormattableString.Invariant($"near-tied LDS pairs (12 / (n (n + 1)) each) or a rare mask flip (soft metrics: up to {DeviceAgreement.MaskFlipRelative} relative in {DeviceAgreement.MaskFlipShare:P0} of a cell's units, at least one)");

    /// <summary>Whether anything regressed: `harness compare` then exits non-zero.</summary>
    public bool Regressed => RegressionCount > 0;

    /// <summary>Problems plus regressed metrics, timings and pass counts.</summary>
    public int RegressionCount => Problems.Count + Metrics.Count(m => m.Regressed) + Timings.Count(t => t.Regressed) + Passes.Count(p => p.Regressed);
}
