using Harness.Data.Examples;
using Harness.Data.Readers;
using Harness.Data.Synthetic;
using Harness.Experiments.Schema;
using Harness.Experiments.Yaml;

namespace Harness.Experiments.Running;

/// <summary>The examples of a dataset entry: a file read by its reader and sampled with the dataset's
/// seed (file order kept), or a synthetic task generated with it (each split its own seed stream).</summary>
public static class DatasetLoader
{
    /// <summary>The examples of <paramref name="dataset"/>, the same ones on every run with the same seed.</summary>
    public static IReadOnlyList<Example> Load(DatasetSpec dataset)
    {
        if (dataset.Reader == ExperimentYaml.SyntheticReader)
            return SyntheticTasks.Get(dataset.Task!).Generate(dataset.Sample!.Value, SyntheticTasks.SplitSeed(dataset.Seed, dataset.Split));
        var all = DatasetReaders.Get(dataset.Reader).Read(dataset.Path!);
        if (dataset.Sample is not { } n || n >= all.Count) return all;
        // A seeded partial Fisher-Yates draw of n indices, then sorted: a sample in file order.
        var random = new SplitMix64(dataset.Seed);
        var indices = Enumerable.Range(0, all.Count).ToArray();
        for (var i = 0; i < n; i++)
        {
            var j = i + random.Next(all.Count - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        return indices.Take(n).Order().Select(i => all[i]).ToList();
    }
}
