using Harness.Evaluation.Core;

namespace Harness.Experiments.Store;

/// <summary>One metric's value on one attribution; NaN when flagged or not computable.</summary>
public sealed record StoredMetricValue(
    string Label, string Metric, IReadOnlyDictionary<string, string> Options, double Value, IReadOnlyDictionary<PartKey, double> Parts,
    IReadOnlyList<MetricFlag> Flags, long ForwardPasses, double WallMilliseconds);
