using System.Globalization;
using System.Text.Json;
using Harness.Experiments.Running;
using Harness.Experiments.Store;

namespace Harness.Reporting.Results;

/// <summary>
/// Everything the report and the comparison read from one run's result store, loaded once: the
/// provenance (runs and models rows), the cells, every attribution and every metric value, and the
/// evaluation items (targets) per model x dataset. The store is closed when loading returns.
/// </summary>
public sealed record RunResults(
    string Folder, IReadOnlyDictionary<string, string> Provenance, IReadOnlyList<ModelRecord> Models, IReadOnlyList<CellRecord> Cells,
    IReadOnlyList<AttributionRecord> Attributions, IReadOnlyList<MetricRecord> Metrics,
    IReadOnlyDictionary<(string Model, string Dataset), IReadOnlyList<EvaluationItem>> Items)
{
    /// <summary>The random attributor's label (spec/metrics.md section 2); cells pair with it by model, dataset and seed.</summary>
    public const string RandomLabel = "random";

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Loads the run in <paramref name="runFolder"/>; fails when the folder has no result store or the store no run.</summary>
    public static RunResults Load(string runFolder)
    {
        var path = Path.Combine(runFolder, ResultStore.FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"{runFolder} holds no result store ({ResultStore.FileName})", path);
        using var store = ResultStore.OpenReadOnly(runFolder);
        var run = store.Query("SELECT * FROM runs LIMIT 1").FirstOrDefault()
                  ?? throw new InvalidDataException($"the result store {path} holds no run");
        var provenance = run.ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? "");
        var models = store.Query("SELECT model, folder, dtype, device, files_sha256_json FROM models ORDER BY model")
            .Select(r => new ModelRecord((string)r["model"]!, (string)r["folder"]!, (string)r["dtype"]!, (string)r["device"]!,
                JsonSerializer.Deserialize<Dictionary<string, string>>((string)r["files_sha256_json"]!)!))
            .ToList();
        var cells = store.Query("SELECT cell_id, model, dataset, attributor, attributor_name, attributor_options_json, seed, status, error, wall_ms FROM cells ORDER BY rowid")
            .Select(r => new CellRecord((string)r["cell_id"]!, (string)r["model"]!, (string)r["dataset"]!, (string)r["attributor"]!,
                (string)r["attributor_name"]!, unchecked((ulong)(long)r["seed"]!), (string)r["status"]! == "done", r["error"] as string, (double)r["wall_ms"]!)
            {
                Options = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>((string)r["attributor_options_json"]!) ?? [],
            })
            .ToList();
        var attributions = store.Query("""
                SELECT cell_id, example_id, step, target_ids_json, scores, wall_ms, forward_passes, backward_passes
                FROM attributions ORDER BY cell_id, example_id, step
                """)
            .Select(r => new AttributionRecord((string)r["cell_id"]!, (string)r["example_id"]!, (int)(long)r["step"]!,
                JsonSerializer.Deserialize<long[]>((string)r["target_ids_json"]!)!, ResultStore.Scores((byte[])r["scores"]!),
                (double)r["wall_ms"]!, (long)r["forward_passes"]!, (long)r["backward_passes"]!))
            .ToList();
        var metrics = store.Query("SELECT cell_id, example_id, step, metric, metric_name, value, parts_json, flags, options_json FROM metric_values ORDER BY cell_id, example_id, step, metric")
            .Select(r => new MetricRecord((string)r["cell_id"]!, (string)r["example_id"]!, (int)(long)r["step"]!, (string)r["metric"]!,
                (string)r["metric_name"]!, r["value"] is double v ? v : double.NaN,
                JsonSerializer.Deserialize<Dictionary<string, double>>((string)r["parts_json"]!, Json)!, (string)r["flags"]!)
            {
                Options = JsonSerializer.Deserialize<Dictionary<string, string>>((string)r["options_json"]!) ?? [],
            })
            .ToList();
        var items = store.Query("SELECT model, dataset, items_json FROM targets")
            .ToDictionary(r => ((string)r["model"]!, (string)r["dataset"]!),
                r => (IReadOnlyList<EvaluationItem>)JsonSerializer.Deserialize<List<EvaluationItem>>((string)r["items_json"]!)!);
        return new RunResults(Path.GetFullPath(runFolder), provenance, models, cells, attributions, metrics, items)
        {
            DefinitionsVersions = store.DefinitionsVersions(),
        };
    }

    /// <summary>The attributor and metric definitions versions of the run's rows (<see cref="DefinitionsVersion"/>); one
    /// for a run written by one harness, empty when it holds no rows.</summary>
    public IReadOnlySet<int> DefinitionsVersions { get; init; } = new SortedSet<int>();

    /// <summary>Models in the order they first appear among the cells.</summary>
    public IReadOnlyList<string> ModelNames => Cells.Select(c => c.Model).Distinct().ToList();

    public IReadOnlyList<string> DatasetNames => Cells.Select(c => c.Dataset).Distinct().ToList();

    /// <summary>Attributor labels in cell order, the random baseline excluded.</summary>
    public IReadOnlyList<string> AttributorLabels => Cells.Select(c => c.Attributor).Where(a => a != RandomLabel).Distinct().ToList();

    /// <summary>Ids of the cells of a model x dataset (any attributor, done or not).</summary>
    public IReadOnlySet<string> CellIds(string model, string dataset) =>
        Cells.Where(c => c.Model == model && c.Dataset == dataset).Select(c => c.CellId).ToHashSet(StringComparer.Ordinal);
}
