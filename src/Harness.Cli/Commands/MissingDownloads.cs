using Harness.Data.Catalog;
using Harness.Experiments.Schema;
using Harness.Experiments.Yaml;
using Harness.Models;
using Harness.Models.Hub;

namespace Harness.Cli.Commands;

/// <summary>`harness run --fetch`: before the experiment is validated, downloads what it names and the caches
/// lack: models given as Hub ids (and their masked LMs) and datasets given as `source:` names of the catalog.
/// Anything else wrong with the file is left to the validation that follows.</summary>
internal static class MissingDownloads
{
    public static void Fetch(string file, Func<ExperimentSpec, ExperimentSpec> adjust)
    {
        ExperimentSpec spec;
        try
        {
            spec = adjust(ExperimentYaml.Load(file));
        }
        catch (ExperimentException e)
        {
            if (e.ReadDespiteErrors is not { } read) return;
            spec = adjust(read);
        }

        var models = spec.Models.SelectMany(m => new[] { m.Path, m.MaskedLm }).OfType<string>().Distinct().Where(NotCached).ToList();
        var datasets = spec.Datasets.Where(d => d.Source is not null && d.Path is not null && !File.Exists(d.Path))
            .Select(d => DatasetCatalog.Find(d.Source!)).OfType<DatasetSource>().Distinct().ToList();
        if (models.Count + datasets.Count == 0) return;
        Console.WriteLine($"fetching {string.Join(", ", models.Concat(datasets.Select(d => $"dataset {d.Name}")))}");
        using var hub = new HubClient(HubSettings.FromEnvironment());
        using var fetcher = datasets.Count > 0 ? DatasetFetcher.FromEnvironment() : null;
        DownloadDisplay.Show(progress =>
        {
            foreach (var model in models) ModelFetcher.Fetch(hub, model, "main", progress);
            foreach (var dataset in datasets) fetcher!.Fetch(dataset, progress);
            return 0;
        });
    }

    private static bool NotCached(string model)
    {
        if (Directory.Exists(model) || !HubRepo.IsValidId(model)) return false;
        try
        {
            ModelLocator.Resolve(model);
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
    }
}
