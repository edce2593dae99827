using Harness.Evaluation.Devices;

namespace Harness.Reporting.Comparison;

/// <summary>A cell x metric judged across devices: its baseline units counted by <see cref="UnitAgreement"/>, and
/// the units that count against it (<see cref="DeviceAgreement.Disagreements"/>); any of those regresses it.</summary>
public sealed record DeviceVerdict(int Units, int WithinTolerance, int ThroughTies, int MaskFlips, int Disagreements)
{
    /// <summary>The verdict over the units' agreements, counted by kind.</summary>
    public static DeviceVerdict Of(IReadOnlyCollection<UnitAgreement> units) => new(
        units.Count, units.Count(u => u == UnitAgreement.WithinTolerance), units.Count(u => u == UnitAgreement.ThroughTies),
        units.Count(u => u == UnitAgreement.MaskFlip), DeviceAgreement.Disagreements(units));

    /// <summary>The counts in words, for the comparison's tables.</summary>
    public override string ToString() =>
        $"across devices: {WithinTolerance}/{Units} units within tolerance, {ThroughTies} through near-ties, {MaskFlips} mask flips, {Disagreements} disagree";
}
