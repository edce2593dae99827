using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Experiments.Store;

/// <summary>One attribution of a cell as stored: which example and generation step, the target, the
/// scores and the cost, and the metric values computed on it.</summary>
public sealed record StoredAttribution(
    string ExampleId, int Step, IReadOnlyList<long> TargetIds, float[] Scores, CostRecord Cost,
    IReadOnlyDictionary<string, double> Diagnostics, IReadOnlyList<StoredMetricValue> Metrics);
