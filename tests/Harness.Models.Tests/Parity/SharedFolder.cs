namespace Harness.Models.Tests.Parity;

/// <summary>../shared beside the repository root (found by walking up to Harness.sln).</summary>
public static class SharedFolder
{
    public static string Path
    {
        get
        {
            for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Harness.sln")))
                    return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared"));
            throw new InvalidOperationException("Harness.sln not found above the test directory");
        }
    }
}
