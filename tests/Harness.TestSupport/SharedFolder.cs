namespace Harness.TestSupport;

/// <summary>../shared beside the repository root, found by walking up from the test binaries to
/// Harness.sln; fixtures and datasets are read from there at run time, never copied.</summary>
public static class SharedFolder
{
    /// <summary>The full path of ../shared (which may not exist; callers report that as a failure).</summary>
    public static string Path
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Harness.sln")))
                    return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared"));
            throw new DirectoryNotFoundException($"Harness.sln not found in {AppContext.BaseDirectory} or above it, so ../shared cannot be located");
        }
    }

    /// <summary>A path inside ../shared, e.g. Combine("fixtures", "hf-parity", "gpt2").</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
