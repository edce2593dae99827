using Harness.Evaluation.Core;

namespace Harness.Experiments.Store;

/// <summary>A metric value as stored: value (NaN for NULL), parts, flags, and the options recorded with it.</summary>
public sealed record MetricRow(
    string CellId, string ExampleId, int Step, string Label, string Metric, double Value, IReadOnlyDictionary<PartKey, double> Parts, IReadOnlyList<MetricFlag> Flags,
    IReadOnlyDictionary<string, string> Options);
