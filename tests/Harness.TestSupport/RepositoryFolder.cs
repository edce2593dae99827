namespace Harness.TestSupport;

/// <summary>The repository root (the folder holding Harness.sln), found by walking up from the test
/// binaries, for tests that read committed assets such as experiments/models.</summary>
public static class RepositoryFolder
{
    public static string Path
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Harness.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException($"Harness.sln not found in {AppContext.BaseDirectory} or above it");
        }
    }

    /// <summary>A path inside the repository, e.g. Combine("experiments", "models", "tiny-gpt2").</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
