using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace Harness.Reporting.Export;

/// <summary>
/// One attribution with its sources' text and scores, aligned (`&lt;out stem&gt;.attributions.parquet`,
/// <see cref="RunFrames.Scores(string)"/> and <see cref="RunFrames.Attributions(string)"/>): tokens[i] is the text of the
/// source scored scores[i] (a region token, or a word or sentence when the dataset groups them). Token text comes
/// from the model folder's tokenizer.json when it is still there, "#id" otherwise (<see cref="Results.TokenText"/>).
/// </summary>
public sealed record AttributionRow(
    [property: JsonPropertyName("run_id"), ParquetRequired] string RunId,
    [property: JsonPropertyName("cell_id"), ParquetRequired] string CellId,
    [property: JsonPropertyName("model"), ParquetRequired] string Model,
    [property: JsonPropertyName("dataset"), ParquetRequired] string Dataset,
    [property: JsonPropertyName("attributor"), ParquetRequired] string Attributor,
    [property: JsonPropertyName("method"), ParquetRequired] string Method,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("example_id"), ParquetRequired] string ExampleId,
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("target"), ParquetRequired] string Target,
    [property: JsonPropertyName("target_ids"), ParquetRequired] long[] TargetIds,
    [property: JsonPropertyName("tokens"), ParquetRequired] string[] Tokens,
    [property: JsonPropertyName("scores"), ParquetRequired] float[] Scores,
    [property: JsonPropertyName("wall_ms")] double WallMilliseconds,
    [property: JsonPropertyName("forward_passes")] long ForwardPasses,
    [property: JsonPropertyName("backward_passes")] long BackwardPasses);
