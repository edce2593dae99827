using Harness.Data.Catalog;
using Harness.Experiments.Running;
using Harness.Experiments.Validation;
using Harness.Experiments.Yaml;

namespace Harness.Experiments.Tests;

/// <summary>A dataset is named with `source: NAME` and read from the dataset cache (HARNESS_DATA), or given
/// with `path:` as a file of the user's own; a name that is not in the cache says how to fetch it.</summary>
[TestFixture]
[NonParallelizable]
[Fast]
public sealed class DatasetSourceTests
{
    private const string Experiment = """
        models: [{name: tiny, path: MODEL}]
        datasets:
          - DATASET
        attributors: [random]
        metrics: [soft_ns]

        """;

    private static string Write(ExperimentFiles files, string dataset) => files.Write(Experiment.Replace("DATASET", dataset));

    [Test]
    public void A_source_name_reads_the_cache_file_with_the_catalogs_reader()
    {
        using var files = new ExperimentFiles();
        using var cache = new DatasetCacheScope(Path.Combine(files.Folder, "cache"));
        Directory.CreateDirectory(Path.Combine(cache.Folder, "sst2"));
        File.Copy(SharedFolder.Combine("datasets", "sst2", "data.jsonl"), Path.Combine(cache.Folder, "sst2", "data.jsonl"));

        var spec = ExperimentValidator.LoadValid(Write(files, "{source: sst2, sample: 3}"));

        var dataset = spec.Datasets.Single();
        Assert.That((dataset.Name, dataset.Reader, dataset.Source, dataset.Path), Is.EqualTo(("sst2", "sst2", "sst2", Path.Combine(cache.Folder, "sst2", "data.jsonl"))));
        Assert.That(DatasetLoader.Load(dataset), Has.Count.EqualTo(3));
    }

    [Test]
    public void The_test_fixtures_serve_as_the_cache_for_every_cataloged_dataset_but_the_unavailable_one()
    {
        using var cache = DatasetCacheScope.Fixtures();

        var present = DatasetCatalog.All.Where(s => File.Exists(DatasetCache.FileOf(s.Name))).Select(s => s.Name);

        Assert.That(present, Is.EquivalentTo(DatasetCatalog.All.Where(s => s.Unavailable is null).Select(s => s.Name)));
    }

    [Test]
    public void A_source_missing_from_the_cache_names_the_fetch_command()
    {
        using var files = new ExperimentFiles();
        using var cache = new DatasetCacheScope(Path.Combine(files.Folder, "empty-cache"));

        var e = Assert.Throws<ExperimentException>(() => ExperimentValidator.LoadValid(Write(files, "{name: lambada, source: reagent_annotated_lambada}")))!;

        Assert.That(e.Errors.Select(x => x.ToString()), Has.One.Contains(
            $"dataset 'lambada': dataset 'reagent_annotated_lambada' is not in the dataset cache ({Path.Combine(cache.Folder, "reagent_annotated_lambada", "data.jsonl")}): " +
            "`harness fetch dataset reagent_annotated_lambada` downloads it"));
    }

    [Test]
    public void A_path_keeps_reading_a_file_the_user_brings()
    {
        using var files = new ExperimentFiles();
        File.Copy(SharedFolder.Combine("datasets", "sst2", "data.jsonl"), Path.Combine(files.Folder, "mine.jsonl"));

        var spec = ExperimentValidator.LoadValid(Write(files, "{name: mine, reader: sst2, path: mine.jsonl, sample: 2}"));

        Assert.That((spec.Datasets[0].Path, spec.Datasets[0].Source), Is.EqualTo((Path.Combine(files.Folder, "mine.jsonl"), (string?)null)));
    }

    [Test]
    public void A_dataset_of_ones_own_in_the_cache_needs_its_reader_named()
    {
        using var files = new ExperimentFiles();
        using var cache = new DatasetCacheScope(Path.Combine(files.Folder, "cache"));
        Directory.CreateDirectory(Path.Combine(cache.Folder, "my-reviews"));
        File.Copy(SharedFolder.Combine("datasets", "imdb", "data.jsonl"), Path.Combine(cache.Folder, "my-reviews", "data.jsonl"));

        var e = Assert.Throws<ExperimentException>(() => ExperimentValidator.LoadValid(Write(files, "{source: my-reviews}")))!;
        var spec = ExperimentValidator.LoadValid(Write(files, "{source: my-reviews, reader: imdb, sample: 2}"));

        Assert.That(e.Errors.Select(x => x.Message), Has.Some.Contains("'reader' is missing"));
        Assert.That(spec.Datasets[0].Path, Is.EqualTo(Path.Combine(cache.Folder, "my-reviews", "data.jsonl")));
    }
}
