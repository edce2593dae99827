using Harness.Evaluation.Core;

namespace Harness.Evaluation.Devices;

/// <summary>One metric value as a result store keeps it (value, parts) with the scores of the attribution it
/// judged; what a cross-device comparison can see of one unit (example, step).</summary>
public sealed record DeviceUnit(double Value, IReadOnlyDictionary<PartKey, double> Parts, IReadOnlyList<float> Scores);
