namespace Harness.TestSupport;

/// <summary>../shared beside the repository root, found by walking up from the test binaries to
/// Harness.sln; fixtures and datasets are read from there at run time, never copied. HARNESS_SHARED names
/// another folder (`./run-all.sh gpu-check` on a machine that has only the fixtures its tests need).</summary>
public static class SharedFolder
{
    /// <summary>The full path of ../shared (which may not exist; callers report that as a failure).</summary>
    public static string Path
    {
        get
        {
            if (Environment.GetEnvironmentVariable("HARNESS_SHARED") is { Length: > 0 } chosen) return System.IO.Path.GetFullPath(chosen);
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Harness.sln")))
                    return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared"));
            throw new DirectoryNotFoundException($"Harness.sln not found in {AppContext.BaseDirectory} or above it, so ../shared cannot be located");
        }
    }

    /// <summary>A path inside ../shared, e.g. Combine("fixtures", "hf-parity", "gpt2").</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
