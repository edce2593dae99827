namespace Harness.Evaluation.Devices;

/// <summary>One row of <see cref="DeviceAgreement.Rules"/>: a metric (its registry name) and where its value can
/// move beyond float noise between devices.</summary>
public sealed record DeviceAgreementRule(string Metric, DeviceTies Ties);
