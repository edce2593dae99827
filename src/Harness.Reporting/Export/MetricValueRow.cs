using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace Harness.Reporting.Export;

/// <summary>
/// One row of the long, typed metric table (`harness export --format parquet`, <see cref="RunFrames.MetricValues(string)"/>):
/// one metric value of one attribution (<see cref="Part"/> null), or one of the parts the metric recorded beside it
/// (a curve point, a threshold, q_y). The property names' JSON names are the Parquet and DataFrame columns.
/// </summary>
/// <param name="Attributor">The attributor's label in the experiment (grid values included), the tables' rows.</param>
/// <param name="Method">The attributor's registry name ("integrated_gradients").</param>
/// <param name="Metric">The metric's label in the experiment; <paramref name="MetricName"/> its registry name.</param>
/// <param name="Value">Null where the store holds no number: flagged, not computable (spec/metrics.md section 8).</param>
internal sealed record MetricValueRow(
    [property: JsonPropertyName("run_id"), ParquetRequired] string RunId,
    [property: JsonPropertyName("cell_id"), ParquetRequired] string CellId,
    [property: JsonPropertyName("model"), ParquetRequired] string Model,
    [property: JsonPropertyName("dataset"), ParquetRequired] string Dataset,
    [property: JsonPropertyName("attributor"), ParquetRequired] string Attributor,
    [property: JsonPropertyName("method"), ParquetRequired] string Method,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("example_id"), ParquetRequired] string ExampleId,
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("metric"), ParquetRequired] string Metric,
    [property: JsonPropertyName("metric_name"), ParquetRequired] string MetricName,
    [property: JsonPropertyName("part")] string? Part,
    [property: JsonPropertyName("value")] double? Value,
    [property: JsonPropertyName("flags"), ParquetRequired] string[] Flags);
