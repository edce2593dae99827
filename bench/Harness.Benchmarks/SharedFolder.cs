namespace Harness.Benchmarks;

/// <summary>../shared beside the repository root (datasets and fixtures are read from there, never copied).</summary>
public static class SharedFolder
{
    public static string Path
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Harness.sln")))
                    return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared"));
            throw new DirectoryNotFoundException("Harness.sln not found above the benchmark's folder, so ../shared cannot be located");
        }
    }
}
