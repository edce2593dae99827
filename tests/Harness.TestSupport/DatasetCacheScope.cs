using Harness.Data.Catalog;

namespace Harness.TestSupport;

/// <summary>Points HARNESS_DATA (the dataset cache that `source: NAME` reads) at a folder until disposed:
/// <see cref="Fixtures"/> is ../shared/datasets, the test fixtures laid out as the cache is. Tests that use
/// it must not run in parallel with others that read the variable.</summary>
public sealed class DatasetCacheScope : IDisposable
{
    private readonly string? previous = Environment.GetEnvironmentVariable(DatasetCache.Variable);

    public DatasetCacheScope(string folder)
    {
        Folder = folder;
        Environment.SetEnvironmentVariable(DatasetCache.Variable, folder);
    }

    public string Folder { get; }

    public static DatasetCacheScope Fixtures() => new(SharedFolder.Combine("datasets"));

    public void Dispose() => Environment.SetEnvironmentVariable(DatasetCache.Variable, previous);
}
