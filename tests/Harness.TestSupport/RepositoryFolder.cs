namespace Harness.TestSupport;

/// <summary>The repository root (the folder holding Harness.sln), for tests that read committed assets such as
/// experiments/models: HARNESS_REPOSITORY where set (a published test executable lives outside the checkout, as in
/// gpu-check's bundle, and the test host moves the working directory to the binaries), else found by walking up
/// from the test binaries.</summary>
public static class RepositoryFolder
{
    public static string Path
    {
        get
        {
            if (Environment.GetEnvironmentVariable("HARNESS_REPOSITORY") is { Length: > 0 } chosen)
                return File.Exists(System.IO.Path.Combine(chosen, "Harness.sln"))
                    ? System.IO.Path.GetFullPath(chosen)
                    : throw new DirectoryNotFoundException($"HARNESS_REPOSITORY={chosen} holds no Harness.sln");
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Harness.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException(
                $"Harness.sln not found in {AppContext.BaseDirectory} or above it (set HARNESS_REPOSITORY to the checkout)");
        }
    }

    /// <summary>A path inside the repository, e.g. Combine("experiments", "models", "tiny-gpt2").</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
