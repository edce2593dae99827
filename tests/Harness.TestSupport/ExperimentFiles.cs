namespace Harness.TestSupport;

/// <summary>Experiment YAML written to a fresh temporary folder (the fixture model beside it as `model`
/// is referenced by absolute path), so relative paths and outputs stay inside the test's folder.</summary>
public sealed class ExperimentFiles : IDisposable
{
    public ExperimentFiles() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"harness-experiment-{Guid.NewGuid():N}");

    /// <summary>Writes <paramref name="yaml"/> ("MODEL" stands for the fixture model's folder) and returns its path.</summary>
    public string Write(string yaml, string name = "experiment.yaml")
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, yaml.Replace("MODEL", FixtureModelFolder.Path));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A store still open by a killed child process on some platforms: leave it to the temp cleaner.
        }
    }
}
