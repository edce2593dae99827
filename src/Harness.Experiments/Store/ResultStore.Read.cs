using System.Globalization;
using System.Text.Json;
using Harness.Evaluation.Core;

namespace Harness.Experiments.Store;

/// <summary>
/// A whole run as readers (report, compare) load it: the run's provenance row, the models, cells, attributions, metric
/// values and frozen targets, each as typed rows, so no reader outside the store writes SQL against its tables.
/// </summary>
public sealed partial class ResultStore
{
    /// <summary>The runs row, every column as invariant text (null as ""), or null when the store holds no run.</summary>
    public IReadOnlyDictionary<string, string>? RunRow() =>
        Query("SELECT * FROM runs LIMIT 1").Select(r => (IReadOnlyDictionary<string, string>)r.ToDictionary(
            kv => kv.Key, kv => Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? "")).FirstOrDefault();

    /// <summary>Every model's provenance, in name order.</summary>
    public IReadOnlyList<ModelProvenance> Models() =>
        Query("SELECT model, folder, dtype, device, files_sha256_json FROM models ORDER BY model")
            .Select(r => new ModelProvenance((string)r["model"]!, (string)r["folder"]!, (string)r["dtype"]!, (string)r["device"]!,
                JsonSerializer.Deserialize<Dictionary<string, string>>((string)r["files_sha256_json"]!)!))
            .ToList();

    /// <summary>Every cell in the order it was written.</summary>
    public IReadOnlyList<CellRow> Cells() =>
        Query("SELECT cell_id, model, dataset, attributor, attributor_name, attributor_options_json, seed, status, error, wall_ms FROM cells ORDER BY rowid")
            .Select(r => new CellRow((string)r["cell_id"]!, (string)r["model"]!, (string)r["dataset"]!, (string)r["attributor"]!,
                (string)r["attributor_name"]!, JsonSerializer.Deserialize<Dictionary<string, string>>((string)r["attributor_options_json"]!) ?? [],
                unchecked((ulong)(long)r["seed"]!), (string)r["status"]! == "done", r["error"] as string, (double)r["wall_ms"]!))
            .ToList();

    /// <summary>Every attribution, by cell, example and step.</summary>
    public IReadOnlyList<AttributionRow> Attributions() =>
        Query("""
                SELECT cell_id, example_id, step, target_ids_json, scores, wall_ms, forward_passes, backward_passes
                FROM attributions ORDER BY cell_id, example_id, step
                """)
            .Select(r => new AttributionRow((string)r["cell_id"]!, (string)r["example_id"]!, (int)(long)r["step"]!,
                JsonSerializer.Deserialize<long[]>((string)r["target_ids_json"]!)!, Scores((byte[])r["scores"]!),
                (double)r["wall_ms"]!, (long)r["forward_passes"]!, (long)r["backward_passes"]!))
            .ToList();

    /// <summary>Every metric value, by cell, example, step and metric label; NaN where the store holds NULL.</summary>
    public IReadOnlyList<MetricRow> MetricValues() =>
        Query("SELECT cell_id, example_id, step, metric, metric_name, value, parts_json, flags, options_json FROM metric_values ORDER BY cell_id, example_id, step, metric")
            .Select(r => new MetricRow((string)r["cell_id"]!, (string)r["example_id"]!, (int)(long)r["step"]!, (string)r["metric"]!,
                (string)r["metric_name"]!, r["value"] is double v ? v : double.NaN,
                JsonSerializer.Deserialize<Dictionary<PartKey, double>>((string)r["parts_json"]!, Json)!, MetricFlag.ParseAll((string)r["flags"]!),
                JsonSerializer.Deserialize<Dictionary<string, string>>((string)r["options_json"]!) ?? []))
            .ToList();
}
