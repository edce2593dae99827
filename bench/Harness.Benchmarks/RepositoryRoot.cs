namespace Harness.Benchmarks;

/// <summary>The folder holding Harness.sln above the benchmark's assembly (exports and the tiny model
/// are found from there); the current directory when the assembly was copied elsewhere.</summary>
public static class RepositoryRoot
{
    public static string Path
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Harness.sln"))) return dir.FullName;
            return Directory.GetCurrentDirectory();
        }
    }
}
