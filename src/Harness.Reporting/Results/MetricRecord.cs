namespace Harness.Reporting.Results;

/// <summary>One metric value on one attribution of a cell; <see cref="Value"/> is NaN where the store holds NULL (flagged or not computable).</summary>
public sealed record MetricRecord(
    string CellId, string ExampleId, int Step, string Label, string Metric, double Value, IReadOnlyDictionary<string, double> Parts, string Flags)
{
    /// <summary>Key of the attribution within its cell: example id and generation step.</summary>
    public string ItemKey => $"{ExampleId}#{Step}";
}
