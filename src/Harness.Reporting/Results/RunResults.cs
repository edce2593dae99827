using System.Globalization;
using System.Text.Json;
using Harness.Experiments.Running;
using Harness.Experiments.Store;
using Harness.Attribution.Methods;

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
    public const string RandomLabel = RandomBaseline.MethodName;

    /// <summary>Loads the run in <paramref name="runFolder"/>; fails when the folder has no result store or the store no run.</summary>
    public static RunResults Load(string runFolder)
    {
        var path = Path.Combine(runFolder, ResultStore.FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"{runFolder} holds no result store ({ResultStore.FileName})", path);
        using var store = ResultStore.OpenReadOnly(runFolder);
        var provenance = store.RunRow() ?? throw new InvalidDataException($"the result store {path} holds no run");
        var models = store.Models().Select(m => new ModelRecord(m.Name, m.Folder, m.DType, m.Device, m.FileSha256)).ToList();
        var cells = store.Cells()
            .Select(c => new CellRecord(c.CellId, c.Model, c.Dataset, c.Attributor, c.AttributorName, c.Seed, c.Done, c.Error, c.WallMilliseconds)
            {
                Options = c.AttributorOptions,
            })
            .ToList();
        var attributions = store.Attributions()
            .Select(a => new AttributionRecord(a.CellId, a.ExampleId, a.Step, a.TargetIds, a.Scores, a.WallMilliseconds, a.ForwardPasses, a.BackwardPasses))
            .ToList();
        var metrics = store.MetricValues()
            .Select(m => new MetricRecord(m.CellId, m.ExampleId, m.Step, m.Label, m.Metric, m.Value, m.Parts, m.Flags) { Options = m.Options })
            .ToList();
        var items = store.AllTargets(provenance["run_id"])
            .ToDictionary(t => (t.Model, t.Dataset), t => (IReadOnlyList<EvaluationItem>)JsonSerializer.Deserialize<List<EvaluationItem>>(t.ItemsJson)!);
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

    /// <summary>Datasets in the order they first appear among the cells.</summary>
    public IReadOnlyList<string> DatasetNames => Cells.Select(c => c.Dataset).Distinct().ToList();

    /// <summary>Attributor labels in cell order, the random baseline excluded.</summary>
    public IReadOnlyList<string> AttributorLabels => Cells.Select(c => c.Attributor).Where(a => a != RandomLabel).Distinct().ToList();

    /// <summary>Ids of the cells of a model x dataset (any attributor, done or not).</summary>
    public IReadOnlySet<string> CellIds(string model, string dataset) =>
        Cells.Where(c => c.Model == model && c.Dataset == dataset).Select(c => c.CellId).ToHashSet(StringComparer.Ordinal);
}
