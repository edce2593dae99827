namespace Harness.Evaluation.Devices;

/// <summary>How one unit's values from two devices compare under its metric's <see cref="DeviceAgreementRule"/>.</summary>
public enum UnitAgreement
{
    /// <summary>Within the tolerance (both NaN included).</summary>
    WithinTolerance,

    /// <summary>Apart, but only as far as near-ties allow (swapped near-tied scores, the LDS bound).</summary>
    ThroughTies,

    /// <summary>Apart within the mask-flip band of a soft metric; a cell may hold only a few of these.</summary>
    MaskFlip,

    /// <summary>Apart beyond what the rule explains, or a value on one device only.</summary>
    Disagrees,
}
