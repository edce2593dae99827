using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Harness.Evaluation.Core;

namespace Harness.Experiments.Store;

/// <summary>`harness export`: a run's metric values (one row per cell x example x step x metric, with the
/// cell's model, dataset, attributor and seed, the value, flags and parts) as CSV, or as JSONL with the
/// attribution's scores and cost on each row.</summary>
public static class ResultExporter
{
    /// <summary>The rows' query; the definitions version is a constant for a store written before it was recorded.</summary>
    private static string Rows(ResultStore store) => $"""
        SELECT c.cell_id, c.model, c.dataset, c.attributor, c.attributor_name, c.seed, c.status,
               m.example_id, m.step, m.metric, m.metric_name, m.options_json, m.value, m.flags, m.parts_json,
               {store.DefinitionsVersionColumn("metric_values", "m")} AS definitions_version, a.target_ids_json, a.scores, a.wall_ms, a.forward_passes, a.backward_passes, a.tokens, a.peak_memory_bytes
        FROM metric_values m
        JOIN cells c ON c.run_id = m.run_id AND c.cell_id = m.cell_id
        JOIN attributions a ON a.run_id = m.run_id AND a.cell_id = m.cell_id AND a.example_id = m.example_id AND a.step = m.step
        ORDER BY c.cell_id, m.example_id, m.step, m.metric
        """;

    private static readonly string[] CsvColumns =
        ["cell_id", "model", "dataset", "attributor", "attributor_name", "seed", "example_id", "step", "metric", "metric_name", "value", "flags",
         "parts_json", "definitions_version", "wall_ms", "forward_passes", "backward_passes", "tokens", "peak_memory_bytes"];

    /// <summary>Writes the rows; returns how many.</summary>
    public static int Csv(ResultStore store, TextWriter writer)
    {
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions(), true);
        foreach (var column in CsvColumns) csv.WriteField(column);
        csv.EndRecord();
        var count = 0;
        foreach (var row in store.Query(Rows(store)))
        {
            foreach (var column in CsvColumns) csv.WriteField(Convert.ToString(row[column], CultureInfo.InvariantCulture) ?? "");
            csv.EndRecord();
            count++;
        }

        csv.Flush();
        return count;
    }

    /// <summary>Writes the run's metric values as JSON lines to <paramref name="writer"/>, with the attribution's scores and cost on each; returns the number of lines.</summary>
    public static int Jsonl(ResultStore store, TextWriter writer)
    {
        var count = 0;
        foreach (var row in store.Query(Rows(store)))
        {
            var line = new Dictionary<string, object?>(row.Where(kv => kv.Key is not ("scores" or "parts_json" or "options_json" or "target_ids_json")))
            {
                ["scores"] = ResultStore.Scores((byte[])row["scores"]!),
                ["parts"] = JsonDocument.Parse((string)row["parts_json"]!).RootElement.Clone(),
                ["metric_options"] = JsonDocument.Parse((string)row["options_json"]!).RootElement.Clone(),
                ["target_ids"] = JsonDocument.Parse((string)row["target_ids_json"]!).RootElement.Clone(),
                ["flags"] = MetricFlag.ParseAll((string)row["flags"]!),
            };
            writer.WriteLine(JsonSerializer.Serialize(line));
            count++;
        }

        return count;
    }
}
