using Harness.Evaluation.Core;

namespace Harness.Reporting.Results;

/// <summary>One metric value on one attribution of a cell; <see cref="Value"/> is NaN where the store holds NULL (flagged or not computable).</summary>
public sealed record MetricRecord(
    string CellId, string ExampleId, int Step, string Label, string Metric, double Value, IReadOnlyDictionary<PartKey, double> Parts, IReadOnlyList<MetricFlag> Flags)
{
    /// <summary>Key of the attribution within its cell: example id and generation step.</summary>
    public string ItemKey => $"{ExampleId}#{Step}";

    /// <summary>The metric's options as recorded in the row, with the settings it resolved for the cell (Soft-NS/NC:
    /// protocol and transform).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
}
